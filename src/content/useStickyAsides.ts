/**
 * Sticky widget columns that fit the window. A column of widgets taller than the window would
 * stick with its lower part out of reach; instead its `top` becomes negative by the overflow
 * (--aside-top), so it scrolls with the page until its bottom edge reaches the window's and then
 * sticks there. Every control stays reachable by scrolling the page, with no scroll box inside
 * the column. Only app.css's wide layout reads the variable.
 */
import { useLayoutEffect, type RefObject } from 'react';

const MARGIN_PX = 16;

/** The sticky offset for a column `height` px tall in a window `viewport` px tall. */
export function stickyTop(height: number, viewport: number): number {
  return Math.min(MARGIN_PX, viewport - height - MARGIN_PX);
}

export function useStickyAsides(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const asides = [...root.querySelectorAll<HTMLElement>('.widget-section-aside')];
    const place = (aside: HTMLElement): void => {
      aside.style.setProperty('--aside-top', `${stickyTop(aside.offsetHeight, window.innerHeight)}px`);
    };
    const placeAll = (): void => asides.forEach(place);
    const observer = new ResizeObserver((entries) => entries.forEach((e) => place(e.target as HTMLElement)));
    asides.forEach((a) => observer.observe(a));
    window.addEventListener('resize', placeAll);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', placeAll);
    };
  }, [ref]);
}
