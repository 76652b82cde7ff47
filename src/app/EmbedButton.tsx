/**
 * "Embed": copies an <iframe> snippet that shows this widget alone with the current settings
 * (the URL state), optionally with all its controls hidden for a classroom view, or only some of
 * them (`hide=`: a checkbox per setting control the widget shows).
 */
import { useId, useState } from 'react';
import { currentSettings } from '../state/settingsStore';
import { hiddenKeys, SETTINGS_TABLE, settingsToParams, type SettingKey } from '../state/settingsTable';

export function embedSnippet(widgetId: string, hideControls: boolean, hide: readonly string[] = hiddenKeys(currentSettings().hide)): string {
  const { chapter: _chapter, ...rest } = currentSettings();
  const params = settingsToParams({ ...rest, chapter: '', embed: widgetId, controls: hideControls ? 'hidden' : 'shown', hide: hide.join(',') });
  const url = new URL(`?${params.toString()}`, window.location.href);
  return `<iframe src="${url.toString().replace(/&/g, '&amp;')}" width="720" height="480" style="border:0" allow="fullscreen" title="Diffusion Playground: ${widgetId}"></iframe>`;
}

/** The setting controls (SettingControl) in the widget's figure, and those the page's link already hides, in the table's order. */
function controlsOf(el: HTMLElement | null): SettingKey[] {
  const figure = el?.closest('figure');
  const shown = new Set(Array.from(figure?.querySelectorAll<HTMLElement>('[data-setting]') ?? [], (e) => e.dataset.setting ?? ''));
  const hidden = hiddenKeys(currentSettings().hide);
  return (Object.keys(SETTINGS_TABLE) as SettingKey[]).filter((k) => shown.has(k) || hidden.includes(k));
}

export function EmbedButton({ widgetId }: { widgetId: string }) {
  const [open, setOpen] = useState(false);
  const [hideAll, setHideAll] = useState(false);
  const [controls, setControls] = useState<SettingKey[]>([]);
  const [hide, setHide] = useState<string[]>([]);
  const [copied, setCopied] = useState('');
  const id = useId();
  const snippet = open ? embedSnippet(widgetId, hideAll, hide) : '';
  const toggle = (button: HTMLElement): void => {
    if (!open) {
      setControls(controlsOf(button));
      setHide(hiddenKeys(currentSettings().hide));
    }
    setOpen((o) => !o);
  };
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
      <button type="button" className="widget-tool" aria-expanded={open} aria-controls={id} onClick={(e) => toggle(e.currentTarget)}>
        Embed
      </button>
      {open && (
        <span className="embed-popover" id={id} role="group" aria-label="Embed this widget">
          <label>
            <input type="checkbox" checked={hideAll} onChange={(e) => setHideAll(e.target.checked)} /> hide controls
          </label>
          {controls.length > 0 && (
            <fieldset className="embed-hide" disabled={hideAll}>
              <legend>or hide only</legend>
              {controls.map((k) => (
                <label key={k}>
                  <input type="checkbox" checked={hide.includes(k)} onChange={(e) => setHide((h) => (e.target.checked ? controls.filter((c) => c === k || h.includes(c)) : h.filter((c) => c !== k)))} />{' '}
                  {SETTINGS_TABLE[k].label}
                </label>
              ))}
            </fieldset>
          )}
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
