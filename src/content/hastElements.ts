/** Walking a compiled chapter's HTML tree (hast): every element in document order, and class tests. */
import type { Element, Root, RootContent } from 'hast';

/** Every element under `tree`, depth first, in document order. */
export function elements(tree: Root | Element): Element[] {
  const out: Element[] = [];
  const walk = (nodes: RootContent[]): void => {
    for (const n of nodes) {
      if (n.type !== 'element') continue;
      out.push(n);
      walk(n.children as RootContent[]);
    }
  };
  walk(tree.children as RootContent[]);
  return out;
}

/** True when `e` has the class `name`. */
export const hasClass = (e: Element, name: string): boolean => ((e.properties.className as string[] | undefined) ?? []).includes(name);
