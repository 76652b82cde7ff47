/**
 * Measures how the chapter's typeset math looks, from rendered geometry in the browser (not from
 * which elements exist): script sizes, where equation numbers sit, displayed equations wider than
 * their column, and inline formulas that reach into a neighbouring line of text. Runs inside the
 * page (page.evaluate), so it must not reference anything outside its own body.
 */
export interface MathGeometry {
  /** Font-size ratio of each sub/superscript's first glyph to its base, one per script. */
  scriptRatios: number[];
  /** Equation numbers (\tag) not set at the right edge of their display box, as "(2.1): why". */
  misplacedTags: string[];
  tags: number;
  /** Display equations whose content is wider than their box, as "(tag or start of TeX): px". */
  overflowing: string[];
  /** Of those, the ones with no visible cue that they scroll. */
  uncued: string[];
  displays: number;
  /** Inline formulas whose ink overlaps text on another line of the same paragraph. */
  overlappingInline: string[];
  /** Punctuation after an inline formula that starts the next line instead of ending the formula's. */
  orphanMarks: string[];
  inline: number;
}

export function measureMathGeometry(): MathGeometry {
  const INK_SLACK_PX = 3;
  const texOf = (el: Element): string => el.querySelector('annotation')?.textContent?.trim().slice(0, 40) ?? '?';
  const px = (el: Element): number => parseFloat(getComputedStyle(el).fontSize);

  const scriptRatios: number[] = [];
  for (const supsub of document.querySelectorAll('.chapter .msupsub')) {
    const base = supsub.previousElementSibling;
    const glyph = [...supsub.querySelectorAll('.mord, .mbin, .mrel, .mopen, .mclose, .mpunct')].find((e) => (e.textContent ?? '').trim() !== '' && e.children.length === 0);
    if (!base || !glyph) continue;
    scriptRatios.push(px(glyph) / px(base));
  }

  const misplacedTags: string[] = [];
  const overflowing: string[] = [];
  const displays = [...document.querySelectorAll('.chapter .katex-display')];
  const uncued: string[] = [];
  let tags = 0;
  for (const display of displays) {
    const box = display.getBoundingClientRect();
    const tag = display.querySelector('.tag, .katex-tag');
    const label = tag?.textContent?.trim() || texOf(display);
    const overflows = display.scrollWidth > display.clientWidth + 1;
    if (overflows) overflowing.push(`${label}: ${display.scrollWidth - display.clientWidth} px`);
    // The scroll cue: shades drawn by the display's own background, uncovered as it scrolls.
    const bg = getComputedStyle(display);
    if (overflows && !(bg.backgroundImage.includes('radial-gradient') && bg.backgroundAttachment.includes('local'))) uncued.push(label);
    // A display wider than its column scrolls (reported above); its number scrolls with it.
    if (!tag || overflows) continue;
    tags += 1;
    const t = tag.getBoundingClientRect();
    // The formula's own boxes: everything KaTeX typeset in the display except the number.
    const glyphs = [...display.querySelectorAll('.katex-html > .base')].map((b) => b.getBoundingClientRect());
    const visibleRight = box.left + display.clientWidth;
    const overlaps = glyphs.some((g) => Math.min(g.right, t.right) - Math.max(g.left, t.left) > 1 && Math.min(g.bottom, t.bottom) - Math.max(g.top, t.top) > 1);
    if (Math.abs(t.right - visibleRight) > 3) misplacedTags.push(`${label}: right edge ${t.right.toFixed(0)} vs box ${visibleRight.toFixed(0)}`);
    else if (overlaps) misplacedTags.push(`${label}: overlaps the formula`);
  }

  // Inline math: every line of plain text in the paragraph, and each formula's ink (the union of
  // its glyph boxes). A formula may make its own line taller, but must not reach into another.
  const overlappingInline: string[] = [];
  let inline = 0;
  for (const block of document.querySelectorAll('.chapter p, .chapter li')) {
    const formulas = [...block.querySelectorAll(':scope .katex')].filter((k) => !k.closest('.katex-display'));
    if (formulas.length === 0) continue;
    const textRects: DOMRect[] = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement?.closest('.katex') || (n.textContent ?? '').trim() === '' ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      textRects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
    }
    for (const formula of formulas) {
      inline += 1;
      // KaTeX breaks an inline formula only between its .base boxes: measure each box on its own line.
      for (const base of formula.querySelectorAll('.katex-html > .base')) {
        const own = base.getBoundingClientRect();
        // Glyphs (text leaves), fraction bars and drawn delimiters; not KaTeX's invisible struts.
        const inkElements = [...base.querySelectorAll('*')].filter((e) => (e.children.length === 0 && (e.textContent ?? '').trim() !== '') || e.matches('.frac-line, svg'));
        const ink = inkElements.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
        if (ink.length === 0) continue;
        const top = Math.min(...ink.map((r) => r.top));
        const bottom = Math.max(...ink.map((r) => r.bottom));
        const left = Math.min(...ink.map((r) => r.left));
        const right = Math.max(...ink.map((r) => r.right));
        const mid = (own.top + own.bottom) / 2;
        // Glyph boxes are the fonts' full ascent-to-descent boxes, taller than the ink; a few
        // pixels of overlap between two such boxes is not ink touching ink.
        const hit = textRects.find((r) => {
          const sameLine = r.top <= mid && r.bottom >= mid;
          const overlapY = Math.min(bottom, r.bottom) - Math.max(top, r.top);
          const overlapX = Math.min(right, r.right) - Math.max(left, r.left);
          return !sameLine && overlapY > INK_SLACK_PX && overlapX > 1;
        });
        if (hit) {
          overlappingInline.push(`${texOf(formula)} overlaps the line at y=${hit.top.toFixed(0)} by ${(Math.min(bottom, hit.bottom) - Math.max(top, hit.top)).toFixed(1)} px`);
          break;
        }
      }
    }
  }
  // A mark after an inline formula ("$x$.") must stay on the formula's line, not open the next one.
  const orphanMarks: string[] = [];
  for (const math of document.querySelectorAll('.chapter .katex')) {
    const next = math.nextSibling;
    if (math.closest('.katex-display') || next?.nodeType !== Node.TEXT_NODE || !/^[.,;:!?)]/.test(next.textContent ?? '')) continue;
    const range = document.createRange();
    range.setStart(next, 0);
    range.setEnd(next, 1);
    const mark = range.getBoundingClientRect();
    const lines = [...math.getClientRects()];
    const last = lines[lines.length - 1];
    if (last && (mark.top + mark.bottom) / 2 > last.bottom) orphanMarks.push(`${texOf(math)} then "${next.textContent![0]}"`);
  }
  return { orphanMarks, scriptRatios, misplacedTags, tags, overflowing, uncued, displays: displays.length, overlappingInline, inline };
}
