/**
 * One widget alone (`?embed=<widget-id>`), for an iframe in slides or a course page: no chapter
 * chrome, scaled to fill the frame and rescaled when the frame resizes, driven by the host page
 * over postMessage (embedBridge.ts).
 */
import { Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { WIDGETS } from '../widgets/registry';
import { LoadFailure } from './LoadFailure';
import { WIDGET_IDS } from '../widgets/widgetIds';
import { connectToHost } from './embedBridge';

/** Scale so the widget's natural size fits the window, never below half or above triple size. */
function useFitScale(ref: React.RefObject<HTMLDivElement | null>): number {
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = (): void => {
      const w = el.scrollWidth || 1;
      const h = el.scrollHeight || 1;
      setScale(Math.max(0.5, Math.min(3, window.innerWidth / w, (window.innerHeight - 28) / h)));
    };
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    window.addEventListener('resize', fit);
    fit();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', fit);
    };
  }, [ref]);
  return scale;
}

export function EmbedView({ id }: { id: string }) {
  const entry = WIDGETS[id];
  const inner = useRef<HTMLDivElement>(null);
  const scale = useFitScale(inner);
  useEffect(() => (entry ? connectToHost(id) : undefined), [entry, id]);
  const full = new URL(window.location.href);
  full.searchParams.delete('embed');
  if (!entry) {
    return (
      <main className="embed embed-missing" role="alert">
        <p>
          There is no widget “{id}” to embed. Widgets: {WIDGET_IDS.filter((w) => WIDGETS[w]).join(', ')}.
        </p>
      </main>
    );
  }
  return (
    <main className="embed" data-embed={id}>
      <div className="embed-stage" style={{ transform: `scale(${scale})` }}>
        <div ref={inner} className="embed-content widget" data-widget-id={id}>
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
