/**
 * Where a chapter places a widget: looks the id up in the registry and renders it in a figure
 * with its caption. An id with no widget yet shows a visible "not built yet" card, never nothing.
 */
import { Suspense } from 'react';
import { WidgetToolbar } from '../app/WidgetToolbar';
import { EmbedButton } from '../app/EmbedButton';
import { LoadFailure } from '../app/LoadFailure';
import { WIDGETS } from '../widgets/registry';

export function WidgetSlot({ id, caption }: { id: string; caption: string }) {
  const entry = WIDGETS[id];
  return (
    <figure className="widget" data-widget-id={id} data-widget-state={entry ? 'live' : 'planned'}>
      {/* PNG / SVG / Record / Present; more tools (e.g. Embed) go in as children. */}
      {entry && (
        <WidgetToolbar widgetId={id} title={entry.title}>
          <EmbedButton widgetId={id} />
        </WidgetToolbar>
      )}
      {entry ? (
        <LoadFailure what={`the ${entry.title} widget`}>
          <Suspense fallback={<p className="widget-loading">Loading the {entry.title} widget…</p>}>
            <entry.Component />
          </Suspense>
        </LoadFailure>
      ) : (
        <p className="widget-planned">
          The interactive widget <code>{id}</code> is not built yet; it is on the roadmap.
        </p>
      )}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
