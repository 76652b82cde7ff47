/**
 * The chapters: every `content/NN-slug.md`, ordered by number. Titles are bundled with the page
 * (for the navigation); each chapter's compiled tree is its own chunk, fetched when it is opened.
 * Both come from the chapterModules Vite plugin.
 */
import type { Root } from 'hast';
import { loadOnce } from '../widgets/loadOnce';

const titles = import.meta.glob('../../content/[0-9][0-9]-*.md', { query: '?chapter-title', import: 'default', eager: true }) as Record<string, string>;
const trees = import.meta.glob('../../content/[0-9][0-9]-*.md', { query: '?chapter-tree', import: 'default' }) as Record<string, () => Promise<Root>>;

export interface Chapter {
  /** File name without `.md`, e.g. `03-forward-process`: the chapter's id in links. */
  slug: string;
  number: number;
  title: string;
  /** The chapter's HTML tree (math typeset, widgets placed), fetched once and then kept. */
  loadTree: () => Promise<Root>;
}

export const CHAPTERS: Chapter[] = Object.entries(titles)
  .map(([path, title]) => {
    const slug = path.split('/').pop()!.replace(/\.md$/, '');
    return { slug, number: Number(slug.slice(0, 2)), title, loadTree: loadOnce(trees[path]!) };
  })
  .sort((a, b) => a.number - b.number);

export function findChapter(slug: string | null): Chapter | undefined {
  return CHAPTERS.find((c) => c.slug === slug);
}
