/**
 * Marks the chapter's prose blocks that content-visibility: auto is currently skipping (rendered
 * as placeholders of estimated height) with `data-cv-skipped`, so app.css can keep them out of
 * scroll anchoring (`overflow-anchor: none`). Otherwise, after a jump into the middle of a
 * chapter, the browser may anchor the scroll on a placeholder; when it renders at its real
 * height everything below it moves. On wide screens the widgets sit in sticky columns, which
 * browsers never use as anchors, so nothing else would hold the page still.
 */
import { useLayoutEffect, type RefObject } from 'react';

/** The state-change event of CSS Containment 2 (not yet in TypeScript's DOM types). */
type StateChangeEvent = Event & { skipped?: boolean };

export function useSkippedProseMarks(ref: RefObject<HTMLElement | null>): void {
  // A layout effect: attached before the first frame, when the browser fires the initial states.
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const onChange = (e: Event): void => {
      const target = e.target;
      if (target instanceof Element) target.toggleAttribute('data-cv-skipped', (e as StateChangeEvent).skipped === true);
    };
    // The event does not bubble: listen in the capture phase.
    root.addEventListener('contentvisibilityautostatechange', onChange, true);
    return () => root.removeEventListener('contentvisibilityautostatechange', onChange, true);
  }, [ref]);
}
