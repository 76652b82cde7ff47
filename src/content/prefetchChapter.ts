/**
 * Starts every download a chapter needs at once, instead of one after the other as each piece
 * renders (renderer → chapter tree → widgets, three round trips and three renders apart): the
 * chapter renderer and the chapter's tree now, and its widgets' code as soon as the tree names them.
 * Idempotent: everything goes through shared promises, so the render later finds it loaded or on its way.
 */
import type { Element, Root, RootContent } from 'hast';
import { loadOnce } from '../widgets/loadOnce';
import { WIDGETS } from '../widgets/registry';
import type { Chapter } from './chapters';

export const loadChapterView = loadOnce(() => import('./ChapterView'));

/** The ids of the widgets a compiled chapter places, in order. */
export function widgetIdsInTree(tree: Root): string[] {
  const ids: string[] = [];
  const walk = (nodes: RootContent[]): void => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      const el = node as Element;
      if (el.tagName === 'widget-slot') ids.push(String(el.properties.dataWidget ?? ''));
      else walk(el.children as RootContent[]);
    }
  };
  walk(tree.children);
  return ids;
}

/** Resolves when the renderer, the tree and the widgets' code are all here; never rejects (a failure shows where the chapter renders). */
export function prefetchChapter(chapter: Chapter): Promise<void> {
  const view = loadChapterView();
  const widgets = chapter.loadTree().then((tree) => Promise.all(widgetIdsInTree(tree).map((id) => WIDGETS[id]?.preload())));
  return Promise.all([view, widgets]).then(
    () => {},
    () => {},
  );
}
