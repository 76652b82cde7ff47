/**
 * A rehype plugin for the two-column layout: groups each `##` section of a chapter that places
 * widgets into blocks of "prose before, widgets, prose after", so that on a wide screen CSS can
 * put the widgets in a column beside the text that explains them (sticky while that text
 * scrolls by), and on a narrow one show everything in its original order.
 *
 * A section (from an h1/h2 heading, or the start, to the next one) with k runs of adjacent
 * widgets becomes k blocks: block i holds the prose since run i − 1 and run i; the last block
 * also holds the prose after the last run. Sections without widgets are left as they are.
 *
 *   <div class="widget-section">
 *     <div class="widget-section-prose">…</div>          (absent when empty)
 *     <div class="widget-section-aside">figures</div>
 *     <div class="widget-section-prose widget-section-after">…</div>   (absent when empty)
 *   </div>
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

/** The element name the remark step gives a widget directive (see remarkWidgets.ts). */
const WIDGET_TAG = 'widget-slot';

const isElement = (n: RootContent): n is Element => n.type === 'element';
const isWidget = (n: RootContent): boolean => isElement(n) && n.tagName === WIDGET_TAG;
const startsSection = (n: RootContent): boolean => isElement(n) && (n.tagName === 'h1' || n.tagName === 'h2');
/** Whitespace between blocks: it belongs to no block and may be dropped. */
const isBlank = (n: RootContent): boolean => n.type === 'text' && n.value.trim() === '';

const div = (className: string[], children: RootContent[]): Element => ({
  type: 'element',
  tagName: 'div',
  properties: { className },
  children: children as ElementContent[],
});

/** Splits one section's nodes into its widget blocks (or returns them unchanged without widgets). */
function groupSection(nodes: RootContent[]): RootContent[] {
  if (!nodes.some(isWidget)) return nodes;
  const out: RootContent[] = [];
  let prose: RootContent[] = [];
  let k = 0;
  while (k < nodes.length) {
    const node = nodes[k]!;
    if (!isWidget(node)) {
      if (!isBlank(node) || prose.length > 0) prose.push(node);
      k++;
      continue;
    }
    const widgets: RootContent[] = [];
    while (k < nodes.length && (isWidget(nodes[k]!) || isBlank(nodes[k]!))) {
      if (isWidget(nodes[k]!)) widgets.push(nodes[k]!);
      k++;
    }
    const rest = nodes.slice(k);
    const last = !rest.some(isWidget);
    const after = last ? rest.filter((n, i) => !(isBlank(n) && i === 0)) : [];
    const children: RootContent[] = [];
    if (prose.some((n) => !isBlank(n))) children.push(div(['widget-section-prose'], prose));
    children.push(div(['widget-section-aside'], widgets));
    if (after.some((n) => !isBlank(n))) children.push(div(['widget-section-prose', 'widget-section-after'], after));
    out.push(div(['widget-section'], children), { type: 'text', value: '\n' });
    prose = [];
    if (last) break;
  }
  return out;
}

export function rehypeWidgetSections() {
  return (tree: Root): void => {
    const sections: RootContent[][] = [];
    for (const node of tree.children) {
      if (sections.length === 0 || startsSection(node)) sections.push([]);
      sections[sections.length - 1]!.push(node);
    }
    tree.children = sections.flatMap(groupSection);
  };
}
