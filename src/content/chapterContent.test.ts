import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { WIDGET_IDS } from '../widgets/widgetIds';
import { parseChapter } from './parseChapter';
import { widgetIds } from './remarkWidgets';

// The chapters as shipped: every formula must compile with KaTeX, every widget id must be known,
// and equation tags must be unique so a citation points at one place.
const dir = join(__dirname, '../../content');
const chapters = readdirSync(dir)
  .filter((f) => /^\d\d-.+\.md$/.test(f))
  .map((f) => parseChapter(f.replace(/\.md$/, ''), readFileSync(join(dir, f), 'utf8')));

function formulas(body: string): Array<{ tex: string; display: boolean }> {
  const out: Array<{ tex: string; display: boolean }> = [];
  const withoutDisplay = body.replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) => {
    out.push({ tex, display: true });
    return ' ';
  });
  for (const m of withoutDisplay.matchAll(/(?<![\\$])\$([^$\n]+?)\$/g)) out.push({ tex: m[1]!, display: false });
  return out;
}

describe('chapter content', () => {
  it('has the nine chapters in order', () => {
    expect(chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  for (const chapter of chapters) {
    it(`${chapter.slug}: every formula compiles with KaTeX`, () => {
      const found = formulas(chapter.body);
      for (const { tex, display } of found) {
        expect(() => katex.renderToString(tex, { displayMode: display, throwOnError: true }), tex).not.toThrow();
      }
    });

    it(`${chapter.slug}: places only known widgets`, () => {
      for (const id of widgetIds(chapter.body)) expect(WIDGET_IDS).toContain(id);
    });
  }

  it('numbers equations uniquely across chapters', () => {
    const tags = chapters.flatMap((c) => Array.from(c.body.matchAll(/\\tag\{([^}]+)\}/g), (m) => m[1]!));
    expect(tags.length).toBeGreaterThan(10);
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('places every widget id in some chapter', () => {
    const placed = new Set(chapters.flatMap((c) => widgetIds(c.body)));
    for (const id of WIDGET_IDS) expect(placed.has(id), id).toBe(true);
  });
});
