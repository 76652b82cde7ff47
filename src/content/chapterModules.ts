/**
 * A Vite plugin that serves each chapter file in the two shapes the page loads it in:
 *   `content/NN-slug.md?chapter-title`  → its title (a string; every chapter's, for the navigation)
 *   `content/NN-slug.md?chapter-tree`   → its compiled HTML tree (compileChapter.ts; loaded when opened)
 * Vite re-runs the transform when the file changes, so `npm run dev` updates a chapter on save.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Plugin } from 'vite';
import { compileChapter } from './compileChapter.ts';
import { parseChapter } from './parseChapter.ts';

const QUERY = /\?chapter-(title|tree)$/;

export function chapterModules(): Plugin {
  return {
    name: 'diffusion-playground:chapters',
    enforce: 'pre',
    load(id) {
      const match = QUERY.exec(id);
      if (!match) return null;
      const file = id.slice(0, match.index);
      this.addWatchFile(file);
      const chapter = parseChapter(basename(file, '.md'), readFileSync(file, 'utf8'));
      const value = match[1] === 'title' ? chapter.title : compileChapter(chapter.body);
      // JSON.parse of a string literal: engines parse JSON faster than the same object as code.
      return { code: `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});`, map: null };
    },
  };
}
