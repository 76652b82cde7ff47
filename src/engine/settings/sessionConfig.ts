/**
 * The session config (what the worker builds a model and its trainer from), derived from the
 * engine settings' rows: every row with a `configKey` is a field here, and the mapping between
 * the reader's settings and a config, both ways, reads the same rows. The fields no setting
 * changes (the points of a drawing, their count, the embeddings, the optimizer) are fixed here.
 */
import type { DatasetName } from '../datasets/toy2d';
import type { OptimizerKind } from '../tf/choices';
import { DEFAULT_DENOISER, type PredictionTarget } from '../tf/denoiserConfig';
import { ENGINE_SETTING_KEYS, ENGINE_SETTINGS, keysWithEffect, settingRow, type EngineSettingKey, type EngineSettings, type SettingEffect, type SettingValue } from './engineSettings';

type RowOf<K extends EngineSettingKey> = (typeof ENGINE_SETTINGS)[K];
/** The engine settings that are fields of the config (model and training rows). */
export type ConfigSettingKey = { [K in EngineSettingKey]: RowOf<K> extends { configKey: string } ? K : never }[EngineSettingKey];
/** The config field a setting fills: lr → learningRate, batch → batchSize, ema → emaDecay. */
export type ConfigKeyOf<K extends ConfigSettingKey> = RowOf<K> extends { configKey: infer C extends string } ? C : never;
type SettingsInConfig = { [K in ConfigSettingKey as ConfigKeyOf<K>]: SettingValue<RowOf<K>> };

export interface SessionConfig extends Omit<SettingsInConfig, 'dataset'> {
  /** A built-in dataset, or 'custom' with `points` (row-major, 2D). */
  dataset: DatasetName | 'custom';
  points?: Float32Array;
  nPoints: number;
  timeEmbedDim: number;
  inputEmbedDim: number;
  prediction: PredictionTarget;
  optimizer: OptimizerKind;
}

/** The config's fields that no setting changes, as every session built from settings has them. */
export const FIXED_CONFIG = {
  nPoints: 8000,
  timeEmbedDim: DEFAULT_DENOISER.timeEmbedDim,
  inputEmbedDim: DEFAULT_DENOISER.inputEmbedDim,
  prediction: DEFAULT_DENOISER.prediction,
  optimizer: 'adam',
} as const satisfies Partial<SessionConfig>;

/** The architecture fields that decide which weights fit besides the 'model' settings (fixed today, but saved models are filed under them). */
export const ARCHITECTURE_FIELDS = ['timeEmbedDim', 'inputEmbedDim', 'prediction'] as const satisfies ReadonlyArray<keyof SessionConfig>;

export const CONFIG_SETTING_KEYS = ENGINE_SETTING_KEYS.filter((k) => settingRow(k).configKey !== undefined) as ConfigSettingKey[];

export function configKeyOf<K extends ConfigSettingKey>(key: K): ConfigKeyOf<K> {
  return settingRow(key).configKey as ConfigKeyOf<K>;
}

/** The config fields of the settings with these effects, in table order. */
export function configKeysWithEffect(...effects: SettingEffect[]): Array<keyof SessionConfig> {
  return keysWithEffect(...effects).filter((k): k is ConfigSettingKey => settingRow(k).configKey !== undefined).map((k) => configKeyOf(k));
}

/**
 * The fields that decide which weights fit and what they learned: one saved model per
 * combination (its storage key lists them in this order, so the order is kept: dataset,
 * schedule, T, width, depth, then the architecture fields).
 */
export const MODEL_KEYS: ReadonlyArray<keyof SessionConfig> = [...configKeysWithEffect('model'), ...ARCHITECTURE_FIELDS];

/** The fields whose change reconfigures the engine (a new model or a new trainer): the 'model' and 'training' settings. */
export const RECONFIGURING_CONFIG_KEYS: ReadonlyArray<keyof SessionConfig> = configKeysWithEffect('model', 'training');

/** True when a session for `a` is the one for `b`: the same drawing (the same array) and every reconfiguring field equal. */
export function sameEngineConfig(a: SessionConfig, b: SessionConfig): boolean {
  return a.points === b.points && RECONFIGURING_CONFIG_KEYS.every((k) => a[k] === b[k]);
}

/** The config a session is built with for these settings (a built-in dataset; a drawing is set by the caller). */
export function sessionConfigFrom(settings: Pick<EngineSettings, ConfigSettingKey>): SessionConfig {
  const fromSettings = Object.fromEntries(CONFIG_SETTING_KEYS.map((k) => [configKeyOf(k), settings[k]])) as SettingsInConfig;
  return { ...fromSettings, ...FIXED_CONFIG };
}

/** The settings a config was built with. A drawing ('custom') is not a setting: its `dataset` is left out. */
export type SettingsOfConfig = Omit<Pick<EngineSettings, ConfigSettingKey>, 'dataset'> & { dataset?: EngineSettings['dataset'] };

export function settingsFromConfig(config: SessionConfig): SettingsOfConfig {
  const entries = CONFIG_SETTING_KEYS.filter((k) => !(k === 'dataset' && config.dataset === 'custom')).map((k) => [k, config[configKeyOf(k)]]);
  return Object.fromEntries(entries) as SettingsOfConfig;
}

/** A stored config (a model file's) with every setting it lacks at its row's default: the value it was trained with before the setting existed. */
export function withSettingDefaults(config: Record<string, unknown>): Record<string, unknown> {
  const missing = CONFIG_SETTING_KEYS.filter((k) => !(configKeyOf(k) in config)).map((k) => [configKeyOf(k), settingRow(k).default]);
  return { ...config, ...Object.fromEntries(missing) };
}
