/**
 * Keeps the punctuation that follows an inline formula on the formula's line. A browser may break
 * a line between a formula (an inline box) and the "." or "," after it, leaving the mark alone
 * at the start of the next line ("… if η > 0 / ."). The formula and its trailing marks go into a
 * `span.math-nowrap`, which app.css sets `white-space: nowrap`.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

const TRAILING_MARKS = /^[.,;:!?)\]\u2019\u201d]+/;

const isInlineMath = (node: ElementContent | undefined): node is Element =>
  node?.type === 'element' && Array.isArray(node.properties?.className) && (node.properties.className as string[]).includes('katex');

export function rehypeMathPunctuation() {
  return (tree: Root): void => {
    visit(tree, 'element', (parent: Element) => {
      const classes = (parent.properties?.className as string[] | undefined) ?? [];
      if (classes.includes('math-nowrap') || classes.includes('katex')) return SKIP;
      const kids = parent.children;
      for (let i = 0; i < kids.length - 1; i++) {
        const math = kids[i];
        const next = kids[i + 1];
        if (!isInlineMath(math) || next?.type !== 'text') continue;
        const marks = TRAILING_MARKS.exec(next.value)?.[0];
        if (!marks) continue;
        const rest: Text = { type: 'text', value: next.value.slice(marks.length) };
        const wrapped: Element = { type: 'element', tagName: 'span', properties: { className: ['math-nowrap'] }, children: [math, { type: 'text', value: marks }] };
        kids.splice(i, 2, wrapped, ...(rest.value ? [rest] : []));
      }
      return undefined;
    });
  };
}
