/**
 * Equation numbers that never sit on their equation. KaTeX centres a displayed formula and pins
 * its \tag to the right edge (position: absolute), so on a narrow column a long formula runs
 * under its own number. Where formula and number do not both fit, the display gets
 * `tag-below` and app.css sets the number on its own line under the formula, still at the right
 * edge. Re-measured whenever the chapter's width changes (rotation, resize) and when fonts load.
 */
import { useLayoutEffect, type RefObject } from 'react';

/** A centred formula `formula` px wide and a right-pinned number `tag` px wide fit in `width` px. */
export function numberFits(formula: number, tag: number, width: number, gap = 8): boolean {
  return formula / 2 + tag + gap <= width / 2;
}

/**
 * Measures every numbered display first, then sets the classes: reading a size right after a
 * class change forces a layout of the whole chapter, and doing that once per equation took over
 * 100 ms on a long chapter. The widths read do not depend on the class: the formula's boxes, and
 * the number's own text (not its box, which fills the line while it sits below).
 */
function fitAll(root: HTMLElement): void {
  const numbered = [...root.querySelectorAll<HTMLElement>('.katex-display')].flatMap((display) => {
    const tag = display.querySelector<HTMLElement>('.tag');
    const label = tag?.lastElementChild as HTMLElement | null | undefined;
    if (!tag || !label) return [];
    const bases = [...display.querySelectorAll<HTMLElement>('.katex-html > .base')];
    const formula = bases.reduce((w, b) => w + b.getBoundingClientRect().width, 0);
    return [{ display, fits: numberFits(formula, label.getBoundingClientRect().width, display.clientWidth) }];
  });
  for (const { display, fits } of numbered) display.classList.toggle('tag-below', !fits);
}

export function useEquationNumbersFit(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    let width = -1;
    const observer = new ResizeObserver(() => {
      if (root.clientWidth === width) return; // height changes (widgets streaming) move no equation
      width = root.clientWidth;
      fitAll(root);
    });
    observer.observe(root);
    // KaTeX's fonts arrive after the first layout and change every formula's width.
    const refit = (): void => fitAll(root);
    document.fonts.addEventListener('loadingdone', refit);
    return () => {
      observer.disconnect();
      document.fonts.removeEventListener('loadingdone', refit);
    };
  }, [ref]);
}
