/**
 * Draft chapters live in content/drafts/ until their widgets exist. They must stay off the site
 * (chapters.ts globs content/NN-slug.md only, not subfolders) and still compile: every formula
 * through KaTeX, every widget directive into a slot, as chapterContent.test.ts checks the live ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element, Root, RootContent } from 'hast';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { CHAPTERS } from './chapters';
import { compileChapter } from './compileChapter';
import { elements, hasClass } from './hastElements';
import { parseChapter } from './parseChapter';
import { widgetIds } from './remarkWidgets';

const contentDir = join(__dirname, '../../content');
const draftsDir = join(contentDir, 'drafts');
const drafts = readdirSync(draftsDir)
  .filter((f) => /^\d\d-.+\.md$/.test(f))
  .map((f) => parseChapter(f.replace(/\.md$/, ''), readFileSync(join(draftsDir, f), 'utf8')));
const live = readdirSync(contentDir).filter((f) => /^\d\d-.+\.md$/.test(f)).map((f) => f.replace(/\.md$/, '')).sort();


describe('draft chapters', () => {
  it('chapter 8 is a draft, and the site lists exactly the live chapters: no draft', () => {
    expect(drafts.map((d) => d.slug)).toContain('08-images');
    expect(live).not.toContain('08-images');
    expect(CHAPTERS.map((c) => c.slug)).toEqual(live);
    for (const draft of drafts) expect(CHAPTERS.some((c) => c.slug === draft.slug || c.title === draft.title), draft.slug).toBe(false);
  });

  for (const draft of drafts) {
    it(`${draft.slug}: every formula compiles with KaTeX, and the compiled tree has no KaTeX error`, () => {
      const withoutDisplay = draft.body.replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) => {
        expect(() => katex.renderToString(tex, { displayMode: true, throwOnError: true }), tex).not.toThrow();
        return ' ';
      });
      const inline = [...withoutDisplay.matchAll(/(?<![\\$])\$([^$\n]+?)\$/g)].map((m) => m[1]!);
      expect(inline.length).toBeGreaterThan(10);
      for (const tex of inline) expect(() => katex.renderToString(tex, { throwOnError: true }), tex).not.toThrow();
      const all = elements(compileChapter(draft.body));
      expect(all.filter((e) => hasClass(e, 'katex-error'))).toEqual([]);
      expect(all.filter((e) => hasClass(e, 'katex-display'))).toHaveLength((draft.body.match(/\$\$/g) ?? []).length / 2);
    });
  }

  it('08-images: the six image widgets, one per section, in order, each placed as a slot', () => {
    const draft = drafts.find((d) => d.slug === '08-images')!;
    const ids = ['image-forward', 'image-train', 'image-reverse', 'image-prompt', 'image-copy', 'image-likelihood'];
    expect(widgetIds(draft.body)).toEqual(ids);
    const slots = elements(compileChapter(draft.body)).filter((e) => e.tagName === 'widget-slot');
    expect(slots.map((e) => e.properties.dataWidget)).toEqual(ids);
    expect(draft.title).toBe('Images');
    expect(draft.body.match(/^## /gm)).toHaveLength(6);
  });
});
