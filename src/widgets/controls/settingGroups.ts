/**
 * Which settings the settings bar shows, in which group, derived from the settings table in this
 * one place: a row's `effect` ('model' | 'training' | 'sampling' | 'engine') when the row has one,
 * else the list below. A new engine row with an `effect` appears in the bar by itself.
 */
import { CONTROL_KEYS, SETTINGS_TABLE, type SettingKey, type Settings } from '../../state/settingsTable';

export type SettingEffect = 'model' | 'training' | 'sampling' | 'engine';

export const GROUP_TITLES: Record<SettingEffect, string> = { model: 'Model', training: 'Training', sampling: 'Sampling', engine: 'Engine' };
const ORDER: readonly SettingEffect[] = ['model', 'training', 'sampling', 'engine'];

/** For rows without an `effect`: what a change of each one changes. */
const FALLBACK: Record<string, SettingEffect> = {
  dataset: 'model', schedule: 'model', T: 'model', width: 'model', depth: 'model',
  lr: 'training', batch: 'training', emaDecay: 'training', seed: 'training',
  sampler: 'sampling', eta: 'sampling', steps: 'sampling',
  backend: 'engine',
};

/** The group of a setting in the bar, or null for one that is not a model, training, sampling or engine knob (t). */
export function effectOf(key: SettingKey): SettingEffect | null {
  const row = SETTINGS_TABLE[key] as { effect?: SettingEffect };
  return row.effect ?? FALLBACK[key] ?? null;
}

export interface SettingGroup {
  effect: SettingEffect;
  title: string;
  keys: SettingKey[];
}

/** The bar's groups, in order; each group's keys in the table's order. */
export const SETTING_GROUPS: SettingGroup[] = ORDER.map((effect) => ({
  effect,
  title: GROUP_TITLES[effect],
  keys: CONTROL_KEYS.filter((k) => effectOf(k) === effect),
})).filter((g) => g.keys.length > 0);

/** Every key the bar shows. */
export const BAR_KEYS: SettingKey[] = SETTING_GROUPS.flatMap((g) => g.keys);

/** Why a control is disabled under these settings (shown beside it), or undefined when it is not. */
export function whyDisabled(key: SettingKey, s: Settings): string | undefined {
  // η scales DDIM's noise (eq. 6.4); DDPM's step has its own fixed σ_t.
  if (key === 'eta' && s.sampler === 'ddpm') return 'only DDIM uses η; the sampler is DDPM';
  return undefined;
}
