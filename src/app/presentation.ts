/**
 * Presentation mode for one widget: the widget's figure full-screen (Fullscreen API), or, where
 * that is not allowed (an iframe without allow="fullscreen", an old browser), fixed over the
 * whole page with CSS. The content is scaled up with CSS zoom to fill the screen, and the keys
 * drive the shared timestep player: ←/→ step t by 1, Shift+←/→ and PageUp/PageDown by a tenth of
 * T, Home/End go to t = 0 and t = T, Space plays/pauses, R resets, Esc leaves.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { resetPlayer, stepT, togglePlay } from '../state/player';
import { currentSettings, updateSettings } from '../state/settingsStore';

export type PresentMode = 'fullscreen' | 'fallback';
export type PresentAction = 'back' | 'forward' | 'backFar' | 'forwardFar' | 'first' | 'last' | 'toggle' | 'reset' | 'exit';

export interface KeyInfo {
  key: string;
  shiftKey?: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element's tag name (upper case) and, for inputs, its type. */
  targetTag: string;
  targetType?: string;
  targetEditable?: boolean;
}

/** Input types that take no typed text; an arrow key there still steps t. */
const NON_TEXT_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'color', 'file', 'image']);

/**
 * What a key does in presentation mode, or null when the key belongs to the focused control:
 * typing in a text field, arrows on a slider or a select, Space on a button or checkbox.
 * Keys with Ctrl, ⌘ or Alt are never taken (Ctrl+R still reloads).
 */
export function presentationAction(k: KeyInfo): PresentAction | null {
  if (k.ctrlKey || k.metaKey || k.altKey) return null;
  if (k.key === 'Escape') return 'exit';
  const tag = k.targetTag.toUpperCase();
  const type = (k.targetType ?? '').toLowerCase();
  const textEntry = k.targetEditable || tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && !NON_TEXT_INPUTS.has(type));
  if (textEntry) return null;
  switch (k.key) {
    case 'ArrowLeft':
      return k.shiftKey ? 'backFar' : 'back';
    case 'ArrowRight':
      return k.shiftKey ? 'forwardFar' : 'forward';
    // As a presenter's clicker sends them: PageDown is "next" (on in t), PageUp "previous".
    case 'PageDown':
      return 'forwardFar';
    case 'PageUp':
      return 'backFar';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case ' ':
    case 'Spacebar':
      return tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || tag === 'INPUT' ? null : 'toggle';
    case 'r':
    case 'R':
      return 'reset';
    default:
      return null;
  }
}

/** The long step of Shift+arrow and PageUp/PageDown: a tenth of T (100 of 1000), at least 1. */
export function farStep(T: number): number {
  return Math.max(1, Math.round(T / 10));
}

/** Moves the shared t as a presentation key asks. */
function moveT(action: 'back' | 'forward' | 'backFar' | 'forwardFar' | 'first' | 'last'): void {
  const { T } = currentSettings();
  if (action === 'first') updateSettings({ t: 0 });
  else if (action === 'last') updateSettings({ t: T });
  else stepT(action === 'back' ? -1 : action === 'forward' ? 1 : action === 'backFar' ? -farStep(T) : farStep(T));
}

const MIN_ZOOM = 1;
const MAX_ZOOM = 2.5;

/** Parts of the figure that are not scaled: the toolbar and the keys hint. */
const CHROME = '.widget-toolbar, .present-hint';

/**
 * Fits the zoom so the widget fills the screen without scrolling. Zoom narrows the content's
 * layout width, so text may rewrap and the height does not grow in proportion: a few rounds of
 * measuring, a bisection between the largest zoom seen to fit and the smallest seen to overflow.
 * Charts that size themselves with a ResizeObserver settle a frame later, hence the rounds run
 * on animation frames.
 */
function fitZoom(figure: HTMLElement, rounds = 6): () => void {
  let raf = 0;
  let zoom = Number(figure.style.getPropertyValue('--present-zoom')) || MIN_ZOOM;
  let fitsAt = MIN_ZOOM; // the largest zoom seen to fit (the minimum is used even if it does not)
  let overflowsAt = Infinity; // the smallest zoom seen to overflow
  const set = (z: number) => {
    zoom = z;
    figure.style.setProperty('--present-zoom', String(z));
  };
  const round = (left: number) => {
    const style = getComputedStyle(figure);
    const padY = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    let chrome = 0;
    let content = 0;
    for (const child of Array.from(figure.children)) {
      const cs = getComputedStyle(child);
      if (cs.position === 'absolute' || cs.position === 'fixed') continue;
      // Heights from getBoundingClientRect already include the zoom.
      const h = child.getBoundingClientRect().height + parseFloat(cs.marginTop) + parseFloat(cs.marginBottom);
      if (child.matches(CHROME)) chrome += h;
      else content += h;
    }
    // The bottom padding keeps the keys hint (absolutely placed) clear of the content.
    const availH = figure.clientHeight - padY - chrome;
    if (content <= 0 || availH <= 0) return;
    const wide = figure.scrollWidth > figure.clientWidth + 1;
    const fits = content <= availH && !wide;
    if (fits) fitsAt = Math.max(fitsAt, zoom);
    else overflowsAt = Math.min(overflowsAt, zoom);
    let next = (zoom * availH) / content;
    if (wide) next = Math.min(next, (zoom * figure.clientWidth) / figure.scrollWidth);
    // Slightly under the estimate, so rounding never brings back a scrollbar.
    next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, next * 0.98));
    if (next <= fitsAt || next >= overflowsAt) next = Number.isFinite(overflowsAt) ? (fitsAt + overflowsAt) / 2 : fitsAt;
    next = Math.floor(next * 100) / 100;
    if (Math.abs(next - zoom) < 0.01 || left <= 1) {
      if (!fits) set(fitsAt);
      return;
    }
    set(next);
    raf = requestAnimationFrame(() => (raf = requestAnimationFrame(() => round(left - 1))));
  };
  raf = requestAnimationFrame(() => round(rounds));
  return () => cancelAnimationFrame(raf);
}

export interface Presentation {
  presenting: boolean;
  mode: PresentMode | null;
  enter: () => Promise<void>;
  exit: () => void;
}

/** Presentation mode for the figure that `figureOf()` returns (looked up when entering). */
export function usePresentation(figureOf: () => HTMLElement | null, onExit?: () => void): Presentation {
  const [mode, setMode] = useState<PresentMode | null>(null);
  const figureRef = useRef<HTMLElement | null>(null);
  const onExitRef = useRef(onExit);
  onExitRef.current = onExit;

  const cleanUp = useCallback(() => {
    const figure = figureRef.current;
    if (figure) {
      figure.classList.remove('is-presenting', 'is-presenting-fallback');
      figure.style.removeProperty('--present-zoom');
      figure.removeAttribute('tabindex');
      document.documentElement.classList.remove('has-presentation');
    }
    figureRef.current = null;
    setMode(null);
    onExitRef.current?.();
  }, []);

  const exit = useCallback(() => {
    const figure = figureRef.current;
    if (figure && document.fullscreenElement === figure) {
      // fullscreenchange then cleans up.
      void document.exitFullscreen().catch(cleanUp);
    } else {
      cleanUp();
    }
  }, [cleanUp]);

  const enter = useCallback(async () => {
    const figure = figureOf();
    if (!figure || figureRef.current) return;
    figureRef.current = figure;
    figure.classList.add('is-presenting');
    figure.tabIndex = -1;
    let next: PresentMode = 'fallback';
    if (document.fullscreenEnabled && typeof figure.requestFullscreen === 'function') {
      try {
        await figure.requestFullscreen({ navigationUI: 'hide' });
        next = 'fullscreen';
      } catch {
        next = 'fallback';
      }
    }
    if (next === 'fallback') {
      figure.classList.add('is-presenting-fallback');
      document.documentElement.classList.add('has-presentation');
    }
    setMode(next);
    // Keys go to the figure, not to the button that was just pressed (Space would press it again).
    figure.focus({ preventScroll: true });
  }, [figureOf]);

  // Leaving full screen by the browser's own means (Esc, F11, a gesture) ends presentation mode.
  useEffect(() => {
    if (mode !== 'fullscreen') return;
    const onChange = () => {
      if (document.fullscreenElement !== figureRef.current) cleanUp();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [mode, cleanUp]);

  // Keys, and the zoom fit (again whenever the window changes size).
  useEffect(() => {
    const figure = figureRef.current;
    if (!mode || !figure) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      const action = presentationAction({
        key: e.key,
        shiftKey: e.shiftKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        targetTag: target?.tagName ?? '',
        targetType: target instanceof HTMLInputElement ? target.type : undefined,
        targetEditable: target?.isContentEditable ?? false,
      });
      if (!action) return;
      // In full screen the browser usually takes Esc itself (then fullscreenchange cleans up);
      // where the page sees it first, leaving here does the same.
      e.preventDefault();
      if (action === 'toggle') togglePlay();
      else if (action === 'reset') resetPlayer();
      else if (action === 'exit') exit();
      else moveT(action);
    };
    document.addEventListener('keydown', onKey);
    let cancelFit = fitZoom(figure);
    const observer = new ResizeObserver(() => {
      cancelFit();
      cancelFit = fitZoom(figure);
    });
    observer.observe(figure);
    return () => {
      document.removeEventListener('keydown', onKey);
      observer.disconnect();
      cancelFit();
    };
  }, [mode, exit]);

  // Unmounting while presenting (a chapter change) leaves nothing behind.
  useEffect(
    () => () => {
      if (!figureRef.current) return;
      if (document.fullscreenElement === figureRef.current) void document.exitFullscreen().catch(() => undefined);
      cleanUp();
    },
    [cleanUp],
  );

  return { presenting: mode !== null, mode, enter, exit };
}
