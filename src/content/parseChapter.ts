/** Splits a chapter file into its title (the first `# ` line), its number (from the file name) and the rest. */
export interface ChapterText {
  /** File name without `.md`, e.g. `03-forward-process`: the chapter's id in links. */
  slug: string;
  number: number;
  title: string;
  body: string;
}

export function parseChapter(slug: string, text: string): ChapterText {
  const match = /^#\s+(.+)\r?\n/m.exec(text);
  const title = match ? match[1]!.trim() : slug;
  const body = match ? text.slice(match.index + match[0].length) : text;
  return { slug, number: Number(slug.slice(0, 2)), title, body };
}
