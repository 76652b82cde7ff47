import type { Element, Root, RootContent } from 'hast';
import { describe, expect, it } from 'vitest';
import { compileChapter } from './compileChapter';
import { elements, hasClass } from './hastElements';


describe('compileChapter (run at build time by the chapterModules Vite plugin)', () => {
  const tree = compileChapter(
    [
      '## The forward process',
      '',
      'Noise is added with $\\beta_t$:',
      '',
      '$$',
      'q(x_t \\mid x_0) = \\mathcal{N}(\\sqrt{\\bar\\alpha_t}\\,x_0, (1-\\bar\\alpha_t) I) \\tag{3.1}',
      '$$',
      '',
      '::widget{id="forward-scrubber" caption="Drag t."}',
      '',
      'After the widget.',
      '',
      '::note{id="typo"}',
    ].join('\n'),
  );
  const all = elements(tree);

  it('typesets inline and display math as KaTeX HTML, MathML included for screen readers', () => {
    expect(all.filter((e) => hasClass(e, 'katex')).length).toBe(2);
    expect(all.filter((e) => hasClass(e, 'katex-display'))).toHaveLength(1);
    expect(all.filter((e) => e.tagName === 'math')).toHaveLength(2);
    expect(all.filter((e) => hasClass(e, 'katex-error'))).toHaveLength(0);
  });

  it('turns a widget directive into a widget slot with its id and caption, beside its prose', () => {
    const slots = all.filter((e) => e.tagName === 'widget-slot');
    expect(slots.map((e) => [e.properties.dataWidget, e.properties.dataCaption])).toEqual([['forward-scrubber', 'Drag t.']]);
    const aside = all.find((e) => hasClass(e, 'widget-section-aside'));
    expect(aside?.children).toContain(slots[0]);
    expect(all.some((e) => hasClass(e, 'widget-section-after'))).toBe(true);
  });

  it('leaves an unknown directive out of the widgets', () => {
    expect(all.filter((e) => e.tagName === 'widget-slot')).toHaveLength(1);
  });

  it('keeps no source positions (they would only make the shipped tree bigger)', () => {
    expect(JSON.stringify(tree)).not.toContain('"position"');
  });

  it('shows a bad formula as a KaTeX error instead of failing the build', () => {
    const bad = elements(compileChapter('Broken: $\\frac{1}{$ here.'));
    expect(bad.some((e) => hasClass(e, 'katex-error'))).toBe(true);
  });
});

describe('widgetIdsInTree (what prefetchChapter preloads)', () => {
  it('lists the widgets a compiled chapter places, in order, the same as the Markdown names them', async () => {
    const { widgetIdsInTree } = await import('./prefetchChapter');
    const { widgetIds } = await import('./remarkWidgets');
    const md = 'Intro\n\n::widget{id="forward-scrubber"}\n\n## Next\n\nText.\n\n::widget{id="naive-vs-vp"}\n::widget{id="schedule-compare"}\n';
    expect(widgetIdsInTree(compileChapter(md))).toEqual(['forward-scrubber', 'naive-vs-vp', 'schedule-compare']);
    expect(widgetIdsInTree(compileChapter(md))).toEqual(widgetIds(md));
  });
});
