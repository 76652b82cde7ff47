/**
 * A displayed formula wider than the column scrolls sideways (app.css: overflow-x: auto). One that
 * does is made focusable (tabindex=0), so that a keyboard can scroll it too (WCAG 2.1.1; axe's
 * rule scrollable-region-focusable). Only those that overflow: a tab stop on every formula would
 * make a long chapter tedious to tab through. Measured when the chapter's width changes, when
 * fonts load, and when content-visibility starts rendering a display it had skipped (a skipped
 * display has no laid-out content to measure).
 *
 * Call it after useEquationNumbersFit: observers and listeners run in the order they were added,
 * and an equation number moved under its formula changes how wide the display's content is.
 */
import { useLayoutEffect, type RefObject } from 'react';

const overflows = (display: HTMLElement): boolean => display.scrollWidth > display.clientWidth;

/** A tab stop exactly when the display scrolls. */
function setFocusable(display: HTMLElement, on: boolean): void {
  if (on) display.tabIndex = 0;
  else display.removeAttribute('tabindex');
}

/** Every display read first, then every attribute set: one layout for the whole chapter. */
function markAll(root: HTMLElement): void {
  const displays = [...root.querySelectorAll<HTMLElement>('.katex-display')];
  const scrolls = displays.map(overflows);
  displays.forEach((d, i) => setFocusable(d, scrolls[i]!));
}

export function useScrollableEquations(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    let width = -1;
    // Re-marking reads every display's layout: done when the page is idle, not inside the frame
    // that resized (a scrollbar appearing while a trajectory streams must not cost a frame).
    let pending: number | null = null;
    const remark = (): void => {
      if (pending !== null) return;
      const run = (): void => {
        pending = null;
        markAll(root);
      };
      pending = typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 300 }) : window.setTimeout(run, 50);
    };
    const observer = new ResizeObserver(() => {
      if (root.clientWidth === width) return;
      width = root.clientWidth;
      remark();
    });
    observer.observe(root);
    document.fonts.addEventListener('loadingdone', remark);
    // The event does not bubble: listen in the capture phase.
    const onVisibility = (e: Event): void => {
      const target = e.target;
      if (target instanceof HTMLElement && target.classList.contains('katex-display') && (e as Event & { skipped?: boolean }).skipped === false) setFocusable(target, overflows(target));
    };
    root.addEventListener('contentvisibilityautostatechange', onVisibility, true);
    return () => {
      observer.disconnect();
      if (pending !== null) (typeof cancelIdleCallback === 'function' ? cancelIdleCallback : window.clearTimeout)(pending);
      document.fonts.removeEventListener('loadingdone', remark);
      root.removeEventListener('contentvisibilityautostatechange', onVisibility, true);
    };
  }, [ref]);
}
