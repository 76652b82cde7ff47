/**
 * The page's settings table: every setting a reader can change, its URL key, its type, range and
 * default. The engine's settings (model, training, sampler, backend) are the engine's own rows
 * (src/engine/settings/engineSettings.ts), spread in here; the rows below them are the page's
 * alone. The URL, the embed snippet, the postMessage API and the engine's configuration are all
 * driven from it.
 *
 * Out-of-range numbers are clamped and malformed values dropped, each with a notice; unknown keys
 * are ignored (a host page may add its own).
 */
import { ENGINE_SETTINGS, type EngineSettingRow } from '../engine/settings/engineSettings';

type PageRow =
  | { kind: 'int'; min: number; max: number; default: number; label: string }
  | { kind: 'enum'; options: readonly string[]; default: string; label: string }
  | { kind: 'text'; pattern: RegExp; default: string; label: string }
  | { kind: 'origin'; default: string; label: string }
  /** A comma-separated list of other settings' keys (only keys of settings that have a control). */
  | { kind: 'keys'; default: string; label: string };
type Row = EngineSettingRow | PageRow;

export const SETTINGS_TABLE = {
  chapter: { kind: 'text', pattern: /^[0-9]{2}-[a-z0-9-]+$/, default: '', label: 'chapter' },
  ...ENGINE_SETTINGS,
  t: { kind: 'int', min: 0, max: 1000, default: 500, label: 'timestep t' },
  controls: { kind: 'enum', options: ['shown', 'hidden'], default: 'shown', label: 'controls' },
  embed: { kind: 'text', pattern: /^[a-z0-9-]+$/, default: '', label: 'embedded widget' },
  /**
   * The one origin an embedded widget takes commands from and reports to (empty: its parent page,
   * any origin). One that is given but not valid reads as INVALID_ORIGIN: the embed fails closed.
   */
  origin: { kind: 'origin', default: '', label: 'host origin' },
  /** The controls a link hides, e.g. `hide=lr,batch,seed` (a lesson that needs only some knobs); `controls=hidden` hides all. */
  hide: { kind: 'keys', default: '', label: 'hidden controls' },
} as const satisfies Record<string, Row>;

export type SettingKey = keyof typeof SETTINGS_TABLE;
type ValueOf<R> = R extends { kind: 'int' | 'float' | 'seed' } ? number : R extends { options: readonly (infer O)[] } ? O : string;
export type Settings = { -readonly [K in SettingKey]: ValueOf<(typeof SETTINGS_TABLE)[K]> };

export const SETTING_KEYS = Object.keys(SETTINGS_TABLE) as SettingKey[];

/** Rows about the page itself rather than the model or a picture: they have no control, so `hide` cannot name them. */
const PAGE_KEYS: readonly string[] = ['chapter', 'controls', 'embed', 'origin', 'hide'];
/** The settings a reader changes with a control on the page: every row but the page's own. */
export const CONTROL_KEYS = SETTING_KEYS.filter((k) => !PAGE_KEYS.includes(k));

/** The keys a `hide` value names (empty for none). */
export function hiddenKeys(hide: string): string[] {
  return hide === '' ? [] : hide.split(',');
}

export const DEFAULT_SETTINGS = Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTINGS_TABLE[k].default])) as Settings;

/** Raw input longer than this is refused before it is parsed (the longest real value, an origin, is under 300). */
export const MAX_INPUT_CHARS = 300;
/** How much of a raw input a notice echoes. */
const SHOWN_CHARS = 80;
/** The `origin` of a link whose origin was given but is not one: an embed takes no commands and sends no events. */
export const INVALID_ORIGIN = 'invalid';

/** A raw input as a notice shows it: quoted and cut to SHOWN_CHARS if text, never the whole of a huge value. */
export function shownInput(raw: unknown): string {
  if (typeof raw === 'string') return `"${raw.length > SHOWN_CHARS ? `${raw.slice(0, SHOWN_CHARS)}…` : raw}"`;
  if (raw === null || typeof raw !== 'object') return typeof raw === 'symbol' ? 'a symbol' : String(raw);
  return Array.isArray(raw) ? 'a list' : 'an object';
}

/**
 * The origin in `raw` (normalised, as `MessageEvent.origin` writes it), or null unless `raw` is an
 * http(s) scheme, a host and an optional port in [1, 65535], with nothing after them: no path,
 * not even a trailing slash.
 */
export function parseOrigin(raw: string): string | null {
  if (raw.length > MAX_INPUT_CHARS || !/^https?:\/\/[^/?#@\\\s]+$/i.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw); // refuses ports above 65535 and malformed hosts
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  if (url.port !== '' && !(Number(url.port) >= 1 && Number(url.port) <= 65535)) return null;
  return url.origin;
}

export interface Checked {
  /** The value to use, or undefined to keep the current one. */
  value: number | string | undefined;
  /** Why the input was changed or dropped, for the reader. */
  notice?: string;
}

const ORIGIN_LOCKED = 'an embed takes no commands and sends no events until the link names a valid one.';

/** Validates one raw value (from a URL or a host page's message) against its row. */
export function checkSetting(key: SettingKey, raw: unknown): Checked {
  const row: Row = SETTINGS_TABLE[key];
  const shown = shownInput(raw);
  if (typeof raw === 'string' && raw.length > MAX_INPUT_CHARS) {
    return { value: row.kind === 'origin' ? INVALID_ORIGIN : undefined, notice: `${key}=${shown} is too long (${raw.length} characters); ${row.kind === 'origin' ? ORIGIN_LOCKED : 'ignored.'}` };
  }
  if (row.kind === 'int' || row.kind === 'float' || row.kind === 'seed') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(n)) return { value: undefined, notice: `${key}=${shown} is not a number; kept ${row.label} at its current value.` };
    const whole = row.kind !== 'float';
    let v = whole ? Math.round(n) : n;
    const exclusive = 'exclusiveMin' in row && row.exclusiveMin === true;
    const tooLow = exclusive ? v <= row.min : v < row.min;
    if (tooLow || v > row.max) {
      // An exclusive lower bound clamps to the default rather than to an unusable 0.
      v = tooLow ? (exclusive ? row.default : row.min) : row.max;
      return { value: v, notice: `${key}=${shown} is outside ${exclusive ? '(' : '['}${row.min}, ${row.max}]; using ${v}.` };
    }
    if (whole && v !== n) return { value: v, notice: `${key}=${shown} must be a whole number; using ${v}.` };
    return { value: v };
  }
  if (typeof raw !== 'string') return { value: undefined, notice: `${key}=${shown} is not text; ignored.` };
  if (row.kind === 'origin') {
    const origin = raw === '' ? '' : parseOrigin(raw);
    if (origin !== null) return { value: origin };
    return { value: INVALID_ORIGIN, notice: `origin=${shown} is not an origin like https://course.example.org (no path, no trailing slash); ${ORIGIN_LOCKED}` };
  }
  if (row.kind === 'keys') return checkKeyList(key, raw);
  if (row.kind === 'enum') {
    if (row.options.includes(raw)) return { value: raw };
    return { value: undefined, notice: `${key}=${shown} is not one of ${row.options.join(', ')}; ignored.` };
  }
  if (raw === '' || row.pattern.test(raw)) return { value: raw };
  return { value: undefined, notice: `${key}=${shown} is not a valid ${row.label}; ignored.` };
}

/** A list of control keys: known ones kept once each, in order; anything else dropped and named in the notice. */
function checkKeyList(key: SettingKey, raw: string): Checked {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const item of raw.split(',').map((k) => k.trim())) {
    if (item === '' || kept.includes(item)) continue;
    if ((CONTROL_KEYS as string[]).includes(item)) kept.push(item);
    else dropped.push(item);
  }
  const value = kept.join(',');
  if (dropped.length > 0) return { value, notice: `${key}=${shownInput(raw)} names ${dropped.length === 1 ? 'no control' : 'no controls'} ${shownInput(dropped.join(', '))}; ${dropped.length === 1 ? 'it was' : 'they were'} dropped (controls: ${CONTROL_KEYS.join(', ')}).` };
  if (value !== raw) return { value, notice: `${key}=${shownInput(raw)} read as "${value}".` };
  return { value };
}

/** Reads every known key from a query string over `base`; unknown keys are ignored. */
export function parseSettings(search: string, base: Settings = DEFAULT_SETTINGS): { settings: Settings; notices: string[] } {
  const params = new URLSearchParams(search);
  const settings = { ...base };
  const notices: string[] = [];
  for (const key of SETTING_KEYS) {
    const raw = params.get(key);
    if (raw === null) continue;
    const { value, notice } = checkSetting(key, raw);
    if (value !== undefined) (settings as Record<string, unknown>)[key] = value;
    if (notice) notices.push(notice);
  }
  // t is a timestep of the chain, so it can be no larger than T.
  if (settings.t > settings.T) {
    if (params.has('t')) notices.push(`t=${settings.t} is larger than T=${settings.T}; using ${settings.T}.`);
    settings.t = settings.T;
  }
  return { settings, notices };
}

/** The settings as query parameters: only those that differ from the defaults, so links stay short. */
export function settingsToParams(settings: Settings, keep?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  // Keys the table does not own (a host's own, or `page`) survive a rewrite of the URL.
  keep?.forEach((v, k) => !(k in SETTINGS_TABLE) && params.set(k, v));
  for (const key of SETTING_KEYS) {
    const value = settings[key];
    if (value !== SETTINGS_TABLE[key].default) params.set(key, String(value));
  }
  return params;
}
