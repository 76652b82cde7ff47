/**
 * The reader's settings (one row each in settingsTable.ts), in a zustand store that mirrors the
 * URL: a change is written back with replaceState (pushState for the chapter, so Back works; never
 * in an embed, whose history entries would pile up in the host page's tab), and
 * the page opened from a link starts from that link's settings.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { checkSetting, DEFAULT_SETTINGS, parseSettings, SETTING_KEYS, settingsToParams, type SettingKey, type Settings } from './settingsTable';

export interface SettingsState extends Settings {
  /** What was clamped or dropped when settings were read from a link or a host page's message. */
  notices: string[];
}

export const settingsStore = createStore<SettingsState>(() => ({ ...DEFAULT_SETTINGS, notices: [] }));

export function useSettings<T>(selector: (s: SettingsState) => T): T {
  return useStore(settingsStore, selector);
}

/** Current settings without the notices. */
export function currentSettings(): Settings {
  const { notices: _ignored, ...settings } = settingsStore.getState();
  return settings;
}

/**
 * Validates and applies a partial update (from a control, a link or a host page). Returns the
 * notices for inputs that were clamped or dropped; unknown keys are ignored.
 */
export function updateSettings(input: Partial<Record<string, unknown>>, options: { announce?: boolean } = {}): string[] {
  const next: Partial<Settings> = {};
  const notices: string[] = [];
  for (const key of Object.keys(input)) {
    if (!(SETTING_KEYS as string[]).includes(key)) continue;
    const { value, notice } = checkSetting(key as SettingKey, input[key]);
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
    if (notice) notices.push(notice);
  }
  const merged = { ...currentSettings(), ...next };
  if (merged.t > merged.T) {
    if (next.t !== undefined) notices.push(`t=${merged.t} is larger than T=${merged.T}; using ${merged.T}.`);
    next.t = merged.T;
  }
  settingsStore.setState(options.announce && notices.length > 0 ? { ...next, notices } : next);
  return notices;
}

export function dismissNotices(): void {
  settingsStore.setState({ notices: [] });
}

let bound = false;

/** Reads the settings from the page's URL once, then keeps the URL in step with the store. */
export function bindSettingsToUrl(): void {
  if (bound) return;
  bound = true;
  const { settings, notices } = parseSettings(window.location.search);
  settingsStore.setState({ ...settings, notices });
  settingsStore.subscribe((s, prev) => {
    if (SETTING_KEYS.every((k) => s[k] === prev[k])) return;
    const params = settingsToParams(currentSettings(), new URLSearchParams(window.location.search));
    const url = `${window.location.pathname}${params.size > 0 ? `?${params.toString()}` : ''}${window.location.hash}`;
    if (s.chapter !== prev.chapter && !s.embed) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  });
  // Back and Forward restore the settings of that entry.
  window.addEventListener('popstate', () => {
    settingsStore.setState({ ...parseSettings(window.location.search).settings, notices: [] });
  });
}
