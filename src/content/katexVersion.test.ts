/**
 * One KaTeX for the markup and its stylesheet. The chapters are typeset at build time by the
 * KaTeX that rehype-katex imports; the page styles them with the stylesheet ChapterView imports.
 * When the two differed (0.16 markup, 0.19 stylesheet, which renamed its classes), every
 * sub/superscript was drawn full size and every equation number glued to its formula, while the
 * markup itself looked fine. KaTeX writes its version into its stylesheet (.katex-version::after).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const requireFromHere = createRequire(`${here}/ChapterView.tsx`);

/** The version of the KaTeX that a package in node_modules resolves `katex` to. */
function katexVersionSeenBy(fromFile: string): string {
  const req = createRequire(fromFile);
  return (JSON.parse(readFileSync(req.resolve('katex/package.json'), 'utf8')) as { version: string }).version;
}

describe('KaTeX: one version typesets and styles the chapters', () => {
  it('the stylesheet ChapterView imports is the version rehype-katex typesets with', () => {
    const source = readFileSync(`${here}/ChapterView.tsx`, 'utf8');
    const cssImport = /import '(katex\/dist\/katex(?:\.min)?\.css)'/.exec(source)?.[1];
    expect(cssImport, 'ChapterView imports a KaTeX stylesheet').toBeDefined();
    const css = readFileSync(requireFromHere.resolve(cssImport!), 'utf8');
    const stylesheetVersion = /\.katex-version::?after\s*\{\s*content:\s*"([^"]+)"/.exec(css)?.[1];
    expect(stylesheetVersion, 'the stylesheet states its version').toBeDefined();

    const typesetterVersion = katexVersionSeenBy(requireFromHere.resolve('rehype-katex'));
    expect(stylesheetVersion).toBe(typesetterVersion);
  });

  it('the KaTeX the chapter tests check formulas with is that one too', () => {
    // chapterContent.test.ts renders every formula with the project's own `katex` import.
    expect(katexVersionSeenBy(`${here}/ChapterView.tsx`)).toBe(katexVersionSeenBy(requireFromHere.resolve('rehype-katex')));
  });
});
