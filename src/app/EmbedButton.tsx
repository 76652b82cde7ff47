/**
 * "Embed": copies an <iframe> snippet that shows this widget alone with the current settings
 * (the URL state), optionally with its controls hidden for a classroom view.
 */
import { useId, useState } from 'react';
import { currentSettings } from '../state/settingsStore';
import { settingsToParams } from '../state/settingsTable';

export function embedSnippet(widgetId: string, hideControls: boolean): string {
  const { chapter: _chapter, ...rest } = currentSettings();
  const params = settingsToParams({ ...rest, chapter: '', embed: widgetId, controls: hideControls ? 'hidden' : 'shown' });
  const url = new URL(`?${params.toString()}`, window.location.href);
  return `<iframe src="${url.toString().replace(/&/g, '&amp;')}" width="720" height="480" style="border:0" allow="fullscreen" title="Diffusion Playground: ${widgetId}"></iframe>`;
}

export function EmbedButton({ widgetId }: { widgetId: string }) {
  const [open, setOpen] = useState(false);
  const [hide, setHide] = useState(false);
  const [copied, setCopied] = useState('');
  const id = useId();
  const snippet = open ? embedSnippet(widgetId, hide) : '';
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied('Copied.');
    } catch {
      setCopied('Copying is blocked here: select the text and copy it.');
    }
  };
  return (
    <span className="embed-tool">
      <button type="button" className="widget-tool" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        Embed
      </button>
      {open && (
        <span className="embed-popover" id={id} role="group" aria-label="Embed this widget">
          <label>
            <input type="checkbox" checked={hide} onChange={(e) => setHide(e.target.checked)} /> hide controls
          </label>
          <textarea readOnly value={snippet} rows={4} aria-label="iframe snippet" data-testid="embed-snippet" onFocus={(e) => e.target.select()} />
          <button type="button" onClick={() => void copy()}>
            Copy
          </button>
          <span role="status">{copied}</span>
        </span>
      )}
    </span>
  );
}
