/**
 * Renders one chapter: Markdown through remark/rehype (remark-math + rehype-katex for the math,
 * remark-directive for widget placement), with each `::widget{…}` replaced by the live widget.
 */
import 'katex/dist/katex.min.css';
import { useRef, type ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeKatex from 'rehype-katex';
import remarkDirective from 'remark-directive';
import remarkMath from 'remark-math';
import type { Chapter } from './chapters';
import { remarkWidgets } from './remarkWidgets';
import { rehypeWidgetSections } from './rehypeWidgetSections';
import { useSkippedProseMarks } from './useSkippedProseMarks';
import { WidgetSlot } from './WidgetSlot';

const remarkPlugins = [remarkMath, remarkDirective, remarkWidgets];
// throwOnError false: a bad formula shows in red instead of taking the chapter down.
// rehypeWidgetSections: each section's widgets in a block beside its prose (two columns on wide screens).
const rehypePlugins: ComponentProps<typeof ReactMarkdown>['rehypePlugins'] = [[rehypeKatex, { throwOnError: false, strict: 'ignore' }], rehypeWidgetSections];

const components = {
  'widget-slot': (props: { 'data-widget'?: string; 'data-caption'?: string }) => (
    <WidgetSlot id={props['data-widget'] ?? ''} caption={props['data-caption'] ?? ''} />
  ),
} as unknown as Components;

export function ChapterView({ chapter }: { chapter: Chapter }) {
  const ref = useRef<HTMLElement>(null);
  useSkippedProseMarks(ref);
  return (
    <article ref={ref} className="chapter" aria-labelledby="chapter-title">
      <h1 id="chapter-title">
        <span className="chapter-number">{chapter.number}.</span> {chapter.title}
      </h1>
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
        {chapter.body}
      </ReactMarkdown>
    </article>
  );
}
