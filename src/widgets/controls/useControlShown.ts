/** Whether a setting's control is shown: not with `controls=hidden` (every knob), nor when the link's `hide` names it. */
import { useSettings } from '../../state/settingsStore';
import { hiddenKeys, type SettingKey } from '../../state/settingsTable';

export function useControlShown(key: SettingKey): boolean {
  return useSettings((s) => s.controls !== 'hidden' && !hiddenKeys(s.hide).includes(key));
}
