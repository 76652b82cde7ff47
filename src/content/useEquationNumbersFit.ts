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

function fitAll(root: HTMLElement): void {
  for (const display of root.querySelectorAll<HTMLElement>('.katex-display')) {
    const tag = display.querySelector<HTMLElement>('.tag');
    if (!tag) continue;
    display.classList.remove('tag-below');
    const bases = [...display.querySelectorAll<HTMLElement>('.katex-html > .base')];
    const formula = bases.reduce((w, b) => w + b.getBoundingClientRect().width, 0);
    if (!numberFits(formula, tag.getBoundingClientRect().width, display.clientWidth)) display.classList.add('tag-below');
  }
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
