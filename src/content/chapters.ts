/**
 * The chapters: every `content/NN-slug.md`, bundled as text at build time and ordered by number.
 * The first `# ` line is the chapter's title; the rest is its body.
 */
const files = import.meta.glob('../../content/[0-9][0-9]-*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface Chapter {
  /** File name without `.md`, e.g. `03-forward-process`: the chapter's id in links. */
  slug: string;
  number: number;
  title: string;
  body: string;
}

/** Splits a chapter file into its title (the first `# ` heading) and the rest. */
export function parseChapter(slug: string, text: string): Chapter {
  const match = /^#\s+(.+)\r?\n/m.exec(text);
  const title = match ? match[1]!.trim() : slug;
  const body = match ? text.slice(match.index + match[0].length) : text;
  return { slug, number: Number(slug.slice(0, 2)), title, body };
}

export const CHAPTERS: Chapter[] = Object.entries(files)
  .map(([path, text]) => parseChapter(path.split('/').pop()!.replace(/\.md$/, ''), text))
  .sort((a, b) => a.number - b.number);

export function findChapter(slug: string | null): Chapter | undefined {
  return CHAPTERS.find((c) => c.slug === slug);
}
