import type { Element, Root, RootContent } from 'hast';
import { describe, expect, it } from 'vitest';
import { rehypeWidgetSections } from './rehypeWidgetSections';

const el = (tagName: string, label: string): Element => ({ type: 'element', tagName, properties: { id: label }, children: [] });
const nl: RootContent = { type: 'text', value: '\n' };
const h2 = (s: string) => el('h2', s);
const p = (s: string) => el('p', s);
const w = (s: string) => el('widget-slot', s);

/** The tree as nested labels: a plain block is its id, a div is { class: [children] }. */
function shape(nodes: RootContent[]): unknown[] {
  return nodes
    .filter((n): n is Element => n.type === 'element')
    .map((n) => (n.tagName === 'div' ? { [(n.properties.className as string[]).join(' ')]: shape(n.children as RootContent[]) } : n.properties.id));
}

function run(children: RootContent[]): unknown[] {
  const tree: Root = { type: 'root', children };
  rehypeWidgetSections()(tree);
  return shape(tree.children);
}

describe('rehypeWidgetSections', () => {
  it('leaves a chapter without widgets as it is', () => {
    expect(run([p('a'), nl, h2('h'), nl, p('b')])).toEqual(['a', 'h', 'b']);
  });

  it('puts a section with one widget at its end into one block: heading and prose, then the widget', () => {
    expect(run([p('intro'), nl, h2('h1'), nl, p('a'), nl, p('b'), nl, w('W'), nl, h2('h2'), nl, p('c')])).toEqual([
      'intro',
      { 'widget-section': [{ 'widget-section-prose': ['h1', 'a', 'b'] }, { 'widget-section-aside': ['W'] }] },
      'h2',
      'c',
    ]);
  });

  it('keeps adjacent widgets together and the prose after the last run in the last block', () => {
    expect(run([h2('h'), nl, p('a'), nl, w('W1'), nl, p('b'), nl, w('W2'), nl, w('W3'), nl, p('c'), nl, p('d')])).toEqual([
      { 'widget-section': [{ 'widget-section-prose': ['h', 'a'] }, { 'widget-section-aside': ['W1'] }] },
      {
        'widget-section': [
          { 'widget-section-prose': ['b'] },
          { 'widget-section-aside': ['W2', 'W3'] },
          { 'widget-section-prose widget-section-after': ['c', 'd'] },
        ],
      },
    ]);
  });

  it('handles a widget before any heading and one that opens a section', () => {
    expect(run([w('W0'), nl, p('a'), nl, h2('h'), nl, w('W1')])).toEqual([
      { 'widget-section': [{ 'widget-section-aside': ['W0'] }, { 'widget-section-prose widget-section-after': ['a'] }] },
      { 'widget-section': [{ 'widget-section-prose': ['h'] }, { 'widget-section-aside': ['W1'] }] },
    ]);
  });

  it('keeps every block exactly once and in the original order', () => {
    const input = [p('x'), h2('h'), p('a'), w('W1'), p('b'), w('W2'), p('c'), h2('k'), p('d'), w('W3')];
    const flat = (xs: unknown[]): unknown[] => xs.flatMap((x) => (typeof x === 'string' ? [x] : flat(Object.values(x as object)[0] as unknown[])));
    expect(flat(run(input))).toEqual(['x', 'h', 'a', 'W1', 'b', 'W2', 'c', 'k', 'd', 'W3']);
  });
});
