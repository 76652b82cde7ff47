/**
 * The draft chapters' equations ↔ DRAFT_EQUATIONS ↔ the engine, as equations.test.ts does for the
 * chapters on the site: tags numbered N.M in order, one entry per tag, each implementing module
 * exporting its function, citing the equation and tested beside it; no tag shared with a live chapter.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DRAFT_EQUATIONS } from './draftEquations';
import { EQUATIONS, type ImplementedEquation } from './equations';

const draftsDir = fileURLToPath(new URL('../../content/drafts', import.meta.url));
const engineDir = fileURLToPath(new URL('.', import.meta.url));

const drafts = readdirSync(draftsDir)
  .filter((f) => /^\d\d-.+\.md$/.test(f))
  .sort()
  .map((file) => ({ file, chapter: Number(file.slice(0, 2)), tags: [...readFileSync(`${draftsDir}/${file}`, 'utf8').matchAll(/\\tag\{([^}]*)\}/g)].map((m) => m[1]!) }));
const draftTags = drafts.flatMap((d) => d.tags);

const modules = import.meta.glob<Record<string, unknown>>(['./**/*.ts', '!./**/*.test.ts']);
const implemented = Object.entries(DRAFT_EQUATIONS).filter((e): e is [string, ImplementedEquation] => e[1].kind === 'code');

describe('draft chapters’ equations ↔ DRAFT_EQUATIONS', () => {
  it('the drafts number their equations N.M in order, and share no tag with a live chapter', () => {
    expect(drafts.map((d) => d.file)).toContain('08-images.md');
    expect(draftTags.length).toBeGreaterThanOrEqual(8);
    for (const { file, chapter, tags } of drafts) tags.forEach((tag, k) => expect(tag, `${file}: tag ${k + 1}`).toBe(`${chapter}.${k + 1}`));
    for (const tag of draftTags) expect(tag in EQUATIONS, `${tag} is also a live equation`).toBe(false);
  });

  it('every draft tag has an entry, and every entry a tag', () => {
    expect(draftTags.filter((tag) => !(tag in DRAFT_EQUATIONS))).toEqual([]);
    expect(Object.keys(DRAFT_EQUATIONS).filter((tag) => !draftTags.includes(tag))).toEqual([]);
  });

  it('every definition or pending entry says why it has no code here', () => {
    for (const [tag, entry] of Object.entries(DRAFT_EQUATIONS)) if (entry.kind !== 'code') expect(entry.reason.trim().length, tag).toBeGreaterThan(10);
  });
});

describe('DRAFT_EQUATIONS ↔ the engine', () => {
  for (const [tag, entry] of implemented) {
    it(`eq. ${tag} (${entry.title}): ${entry.module}.${entry.exportName} exists, cites it, and is tested beside it`, async () => {
      const load = modules[`./${entry.module}.ts`];
      expect(load, `module src/engine/${entry.module}.ts`).toBeDefined();
      const mod = await load!();
      for (const name of [entry.exportName, ...(entry.also ?? [])]) expect(mod[name], `${entry.module} exports ${name}`).toBeDefined();
      const source = readFileSync(`${engineDir}/${entry.module}.ts`, 'utf8');
      expect(source, `${entry.module}.ts cites "eq. ${tag}"`).toMatch(new RegExp(`eq\\. ${tag.replace('.', '\\.')}(?!\\d)`));
      expect(existsSync(`${engineDir}/${entry.module}.test.ts`), `${entry.module}.test.ts exists`).toBe(true);
    });
  }
});
