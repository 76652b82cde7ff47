/**
 * A chapter's Markdown to the HTML tree the page shows, run at build time (src/content/chapterModules.ts):
 * remark-math + rehype-katex typeset the math, remark-directive + remarkWidgets place the widgets,
 * rehypeWidgetSections lays them beside their prose. Doing it here, not in the browser, keeps
 * KaTeX's JavaScript and the Markdown parser out of the page (about 110 KB gzipped) and saves the
 * reader the typesetting on every chapter opened.
 */
import type { Root } from 'hast';
import rehypeKatex from 'rehype-katex';
import remarkDirective from 'remark-directive';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { rehypeMathPunctuation } from './rehypeMathPunctuation.ts';
import { rehypeWidgetSections } from './rehypeWidgetSections.ts';
import { remarkWidgets } from './remarkWidgets.ts';

/** Source positions are for tools that edit Markdown; the page does not need them, and they double the tree's size. */
function rehypeDropPositions() {
  return (tree: Root): void => {
    visit(tree, (node) => {
      delete node.position;
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkMath)
  .use(remarkDirective)
  .use(remarkWidgets)
  .use(remarkRehype)
  // rehype-katex shows a bad formula in red rather than failing the build; chapterContent.test.ts catches it.
  .use(rehypeKatex, { strict: 'ignore' })
  .use(rehypeMathPunctuation)
  .use(rehypeWidgetSections)
  .use(rehypeDropPositions);

export function compileChapter(markdown: string): Root {
  return processor.runSync(processor.parse(markdown)) as Root;
}
