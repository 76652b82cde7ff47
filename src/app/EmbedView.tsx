/**
 * One widget alone (`?embed=<widget-id>`), for an iframe in slides or a course page: no chapter
 * chrome, laid out at the width that suits the frame's shape and scaled to fit it whole (down to
 * any size, up to triple), again whenever the frame or the widget changes size; driven by the
 * host page over postMessage (embedBridge.ts). What the link asked for that could not be used is
 * said in a compact notice over the top of the frame; an error anywhere in it (an effect
 * included) shows a notice in the frame instead of unmounting the page.
 */
import { Suspense, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { WIDGETS } from '../widgets/registry';
import { ErrorBoundary } from './ErrorBoundary';
import { LoadFailure } from './LoadFailure';
import { WIDGET_IDS } from '../widgets/widgetIds';
import { connectToHost } from './embedBridge';
import { chooseFit, type Fit } from './embedFit';
import { SettingsNotices } from './SettingsNotices';
import './embedView.css';

/** Room kept below the widget for the credit line. */
const CREDIT_PX = 28;

/** Lays the widget out at the width that fits the window best, and scales it to fill the window. */
function useFit(ref: React.RefObject<HTMLDivElement | null>): Fit | null {
  const [fit, setFit] = useState<Fit | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const refit = (): void => {
      frame = 0;
      const before = el.style.width;
      const next = chooseFit(window.innerWidth, window.innerHeight - CREDIT_PX, (width) => {
        el.style.width = `${width}px`;
        return { width: el.scrollWidth, height: el.scrollHeight };
      });
      el.style.width = before;
      setFit((prev) => (prev && prev.width === next.width && Math.abs(prev.scale - next.scale) < 0.005 ? prev : next));
    };
    // Measured on the next frame, never inside the observer's own callback (resizing what it watches there would loop).
    const schedule = (): void => {
      if (!frame) frame = requestAnimationFrame(refit);
    };
    const observer = new ResizeObserver(schedule);
    observer.observe(el);
    window.addEventListener('resize', schedule);
    refit();
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('resize', schedule);
    };
  }, [ref]);
  return fit;
}

/** Keeps the frame alive when anything inside it throws, in rendering or in an effect. */
function EmbedErrorBoundary({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary
      fallback={(error) => (
        <main className="embed embed-missing" role="alert">
          <p>
            This widget stopped with an error ({error.message.slice(0, 200)}).{' '}
            <button type="button" onClick={() => window.location.reload()}>Reload it</button>
          </p>
        </main>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}

export function EmbedView({ id }: { id: string }) {
  return (
    <EmbedErrorBoundary>
      <EmbeddedWidget id={id} />
    </EmbedErrorBoundary>
  );
}

function EmbeddedWidget({ id }: { id: string }) {
  // Own keys only: `?embed=constructor` must not find Object.prototype.constructor.
  const entry = Object.hasOwn(WIDGETS, id) ? WIDGETS[id] : undefined;
  const inner = useRef<HTMLDivElement>(null);
  const fit = useFit(inner);
  useEffect(() => (entry ? connectToHost(id) : undefined), [entry, id]);
  const full = new URL(window.location.href);
  full.searchParams.delete('embed');
  if (!entry) {
    return (
      <main className="embed embed-missing" role="alert">
        <SettingsNotices compact />
        <p>
          There is no widget “{id.length > 80 ? `${id.slice(0, 80)}…` : id}” to embed. Widgets: {WIDGET_IDS.filter((w) => WIDGETS[w]).join(', ')}.
        </p>
      </main>
    );
  }
  return (
    <main className="embed" data-embed={id}>
      <SettingsNotices compact />
      <div className="embed-stage" style={{ transform: `scale(${fit?.scale ?? 1})` }} data-scale={fit?.scale.toFixed(3)}>
        <div ref={inner} className="embed-content widget" data-widget-id={id} style={fit ? { width: fit.width } : undefined}>
          <LoadFailure what={`the ${entry.title} widget`}>
            <Suspense fallback={<p className="widget-loading">Loading the {entry.title} widget…</p>}>
              <entry.Component />
            </Suspense>
          </LoadFailure>
        </div>
      </div>
      <p className="embed-credit">
        <a href={full.toString()} target="_blank" rel="noopener">
          {entry.title} · Diffusion Playground ↗
        </a>
      </p>
    </main>
  );
}
