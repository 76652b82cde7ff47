/**
 * Keeps the chapters, the engine and its tests in step: every `\tag{N.M}` on the page has an entry
 * in EQUATIONS and every entry a tag; each implementing module exports the named function, cites
 * the equation in its comments, and has a numerical test file beside it. Importing is enough here
 * (no training, no tensor ops), so the tfjs modules load without picking a backend.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EQUATIONS, type ImplementedEquation } from './equations';

const contentDir = fileURLToPath(new URL('../../content', import.meta.url));
const engineDir = fileURLToPath(new URL('.', import.meta.url));

/** Chapter files 01-….md … 07-….md with the tags they contain, in page order. */
const chapters = readdirSync(contentDir)
  .filter((f) => /^\d\d-.+\.md$/.test(f))
  .sort()
  .map((file) => ({ file, chapter: Number(file.slice(0, 2)), tags: [...readFileSync(`${contentDir}/${file}`, 'utf8').matchAll(/\\tag\{([^}]*)\}/g)].map((m) => m[1]!) }));
const pageTags = chapters.flatMap((c) => c.tags);

/** Lazy importers for every engine module (tests excluded), keyed './module.ts'. */
const modules = import.meta.glob<Record<string, unknown>>(['./**/*.ts', '!./**/*.test.ts']);

const implemented = Object.entries(EQUATIONS).filter((e): e is [string, ImplementedEquation] => e[1].kind === 'code');

describe('equations on the page ↔ EQUATIONS', () => {
  it('the chapters number their equations: tags are unique, N.M with N the chapter, M counting 1, 2, 3, …', () => {
    expect(pageTags.length).toBeGreaterThanOrEqual(47);
    expect(new Set(pageTags).size).toBe(pageTags.length);
    for (const { file, chapter, tags } of chapters) {
      tags.forEach((tag, k) => expect(tag, `${file}: tag ${k + 1}`).toBe(`${chapter}.${k + 1}`));
    }
  });

  it('every tag on the page has an entry, and every entry a tag', () => {
    const missing = pageTags.filter((tag) => !(tag in EQUATIONS));
    const orphans = Object.keys(EQUATIONS).filter((tag) => !pageTags.includes(tag));
    expect(missing, 'tags on the page with no entry').toEqual([]);
    expect(orphans, 'entries with no tag on the page').toEqual([]);
  });

  it('every definition says why it needs no code', () => {
    for (const [tag, entry] of Object.entries(EQUATIONS)) {
      if (entry.kind === 'definition') expect(entry.reason.trim().length, tag).toBeGreaterThan(10);
    }
  });
});

describe('EQUATIONS ↔ the engine', () => {
  for (const [tag, entry] of implemented) {
    it(`eq. ${tag} (${entry.title}): ${entry.module}.${entry.exportName} exists, cites it, and is tested beside it`, async () => {
      const load = modules[`./${entry.module}.ts`];
      expect(load, `module src/engine/${entry.module}.ts`).toBeDefined();
      const mod = await load!();
      for (const name of [entry.exportName, ...(entry.also ?? [])]) {
        const value = mod[name];
        expect(value, `${entry.module} exports ${name}`).toBeDefined();
        // Functions (and classes) are what implement equations; a const is accepted if it is not a function.
        if (typeof value !== 'function') expect(value, `${name} is a function or a const`).not.toBeNull();
      }
      const source = readFileSync(`${engineDir}/${entry.module}.ts`, 'utf8');
      expect(source, `${entry.module}.ts cites "eq. ${tag}"`).toMatch(new RegExp(`eq\\. ${tag.replace('.', '\\.')}(?!\\d)`));
      expect(existsSync(`${engineDir}/${entry.module}.test.ts`), `${entry.module}.test.ts exists`).toBe(true);
    });
  }
});
