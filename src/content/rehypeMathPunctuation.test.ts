import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { compileChapter } from './compileChapter';

const elements = (node: unknown): Element[] => {
  const out: Element[] = [];
  const walk = (n: any): void => {
    if (n?.type === 'element') out.push(n);
    n?.children?.forEach(walk);
  };
  walk(node);
  return out;
};
const text = (n: any): string => (n.type === 'text' ? n.value : (n.children ?? []).map(text).join(''));

describe('rehypeMathPunctuation: a formula keeps the mark that follows it', () => {
  it('wraps an inline formula and the "." after it in span.math-nowrap, and leaves the rest of the text', () => {
    const tree = compileChapter('Noise is added if $\\eta > 0$. Then it stops, at $t = 1$, here.');
    const spans = elements(tree).filter((e) => (e.properties?.className as string[] | undefined)?.includes('math-nowrap'));
    expect(spans).toHaveLength(2);
    expect(text(spans[0]!).endsWith('.')).toBe(true);
    expect(text(spans[1]!).endsWith(',')).toBe(true);
    const paragraph = elements(tree).find((e) => e.tagName === 'p')!;
    expect(text(paragraph)).toContain(' Then it stops, at ');
    expect(text(paragraph).endsWith(' here.')).toBe(true);
  });

  it('leaves formulas followed by a space or a word alone, and never touches display math', () => {
    const tree = compileChapter('A $x$ and $y$ b\n\n$$\nz.\n$$\n');
    expect(elements(tree).some((e) => (e.properties?.className as string[] | undefined)?.includes('math-nowrap'))).toBe(false);
  });
});
