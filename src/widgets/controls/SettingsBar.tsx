/**
 * Every model, training, sampling and engine knob, grouped as settingGroups.ts says (the training
 * panel shows it), and the few knobs one teaching widget depends on (`WidgetSettings`). A group
 * whose controls a link hides all is not drawn; with every control hidden there is no bar.
 */
import { useShallow } from 'zustand/react/shallow';
import { useRun } from '../../state/runStore';
import { useSettings } from '../../state/settingsStore';
import { hiddenKeys, type SettingKey } from '../../state/settingsTable';
import { SETTING_GROUPS } from './settingGroups';
import { SettingControl } from './SettingControl';

/** The keys of `keys` a reader sees: none with `controls=hidden`, and none the link's `hide` names. */
function useShownKeys(keys: readonly SettingKey[]): SettingKey[] {
  return useSettings(useShallow((s) => (s.controls === 'hidden' ? [] : keys.filter((k) => !hiddenKeys(s.hide).includes(k)))));
}

/** The backend is picked when the engine starts: a change says when it takes effect, truthfully. */
function BackendNote() {
  const wanted = useSettings((s) => s.backend);
  const running = useRun((s) => s.backend?.name);
  if (!running || wanted === 'auto' || wanted === running) return null;
  return (
    <>
      Runs on {running} until the page reloads.{' '}
      <button type="button" className="setting-inline-button" onClick={() => window.location.reload()}>Reload now</button>
    </>
  );
}

export function SettingsBar() {
  const shown = useShownKeys(SETTING_GROUPS.flatMap((g) => g.keys));
  if (shown.length === 0) return null;
  return (
    <div className="settings-bar" role="group" aria-label="Settings" data-testid="settings-bar">
      {SETTING_GROUPS.filter((g) => g.keys.some((k) => shown.includes(k))).map((g) => (
        <fieldset key={g.effect} className="settings-group" data-effect={g.effect}>
          <legend>{g.title}</legend>
          {g.keys.map((k) => <SettingControl key={k} settingKey={k} note={k === 'backend' ? <BackendNote /> : undefined} />)}
        </fieldset>
      ))}
    </div>
  );
}

/** The shared settings one widget depends on, as a row of controls in the widget. */
export function WidgetSettings({ keys, label }: { keys: readonly SettingKey[]; label: string }) {
  const shown = useShownKeys(keys);
  if (shown.length === 0) return null;
  return (
    <div className="widget-settings" role="group" aria-label={label}>
      {keys.map((k) => <SettingControl key={k} settingKey={k} />)}
    </div>
  );
}
