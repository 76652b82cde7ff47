/**
 * The engine's settings, one row each: what a reader can change about the model, its training,
 * the sampler and the backend. Kind, range or options, default, the words a control shows, and
 * what a change invalidates (`effect`). Everything else is derived from these rows: the page's
 * settings table and URL keys (src/state/settingsTable.ts), the session config type and its
 * mapping to and from the settings (sessionConfig.ts), the worker's validation of a config, the
 * keys a saved model is filed under, and which changes reconfigure the engine. A new engine
 * setting is one row here plus its use in the engine.
 *
 * The key of a row is its URL key (`?lr=0.01`); `configKey` is its field in the session config
 * when it has one (rows without one are sampler or backend options, not part of a model).
 * No tfjs, no DOM, and no imports from the page, the worker or the state: both sides read this.
 */
import { DATASET_NAMES } from '../datasets/toy2d';
import { SCHEDULE_KINDS } from '../schedule';

/** The backends the engine can run on (the `backend` setting adds `auto`: measure them and pick). */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** The reverse-process samplers: DDPM (Algorithm 2) and DDIM (fewer steps; its η runs from deterministic to DDPM-like). */
export const SAMPLE_METHODS = ['ddpm', 'ddim'] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];

/**
 * What a change of the setting invalidates:
 * - 'model': which saved weights fit and what they learned (a saved model is filed under these);
 * - 'training': the trainer is rebuilt, the weights are kept;
 * - 'sampling': only the sampler's options;
 * - 'engine': the backend, so the engine restarts.
 */
export type SettingEffect = 'model' | 'training' | 'sampling' | 'engine';

interface RowBase {
  /** What the control is called, in words: "learning rate". */
  label: string;
  /** One short sentence a control may show beside it. */
  help?: string;
  effect: SettingEffect;
  /** The field of the session config this setting fills, if any. */
  configKey?: string;
}

interface NumberRowBase extends RowBase {
  min: number;
  max: number;
  /** The lower bound itself is not allowed (a learning rate of 0 learns nothing). */
  exclusiveMin?: boolean;
  default: number;
  /** A slider over this range moves in log space. */
  scale?: 'log';
}

/** A number: 'int' rounds, 'float' does not, 'seed' is an int in [0, 2^31 − 1] a control may draw anew. (One member per kind, so a test of `kind` narrows.) */
export type NumberRow = (NumberRowBase & { kind: 'int' }) | (NumberRowBase & { kind: 'float' }) | (NumberRowBase & { kind: 'seed' });

export interface EnumRow extends RowBase {
  kind: 'enum';
  options: readonly string[];
  /** Words for options whose key is not how a reader says it ("twoMoons" → "two moons"). */
  optionLabels?: Readonly<Record<string, string>>;
  default: string;
}

export type EngineSettingRow = NumberRow | EnumRow;

const MAX_SEED = 2 ** 31 - 1;

export const ENGINE_SETTINGS = {
  dataset: {
    kind: 'enum', options: DATASET_NAMES, default: 'twoMoons', label: 'dataset', effect: 'model', configKey: 'dataset',
    optionLabels: { twoMoons: 'two moons', swissRoll: 'Swiss roll', eightGaussians: 'eight Gaussians', checkerboard: 'checkerboard', rings: 'rings', spiral: 'spiral' },
    help: 'The 2D points the model learns to generate.',
  },
  schedule: { kind: 'enum', options: SCHEDULE_KINDS, default: 'linear', label: 'noise schedule', effect: 'model', configKey: 'schedule', help: 'How the noise variance β_t grows with t.' },
  T: { kind: 'int', min: 10, max: 1000, default: 1000, label: 'number of timesteps T', effect: 'model', configKey: 'T', help: 'Steps of the forward chain from data to noise.' },
  width: { kind: 'int', min: 16, max: 512, default: 128, label: 'network width', effect: 'model', configKey: 'width', help: 'Units in each hidden layer of the denoiser.' },
  depth: { kind: 'int', min: 1, max: 6, default: 3, label: 'network depth', effect: 'model', configKey: 'depth', help: 'Residual blocks after the input layer.' },
  lr: {
    kind: 'float', min: 0, max: 1, exclusiveMin: true, default: 2e-3, scale: 'log', label: 'learning rate', effect: 'training', configKey: 'learningRate',
    help: "Adam's step size; above 1 these models only diverge.",
  },
  batch: { kind: 'int', min: 16, max: 2048, default: 256, label: 'batch size', effect: 'training', configKey: 'batchSize', help: 'Points per training step.' },
  ema: {
    kind: 'float', min: 0, max: 0.9999, default: 0.995, label: 'weight-average decay', effect: 'training', configKey: 'emaDecay',
    help: 'Sampling uses a moving average of the weights, w̄ ← d·w̄ + (1 − d)·w; 0 samples from the weights themselves.',
  },
  sampler: { kind: 'enum', options: SAMPLE_METHODS, optionLabels: { ddpm: 'DDPM', ddim: 'DDIM' }, default: 'ddim', label: 'sampler', effect: 'sampling' },
  eta: { kind: 'float', min: 0, max: 1, default: 0, label: 'DDIM η', effect: 'sampling', help: 'DDIM noise: 0 is deterministic, 1 is DDPM-like.' },
  steps: { kind: 'int', min: 1, max: 1000, default: 50, label: 'sampling steps', effect: 'sampling', help: 'Reverse steps taken (at most T).' },
  seed: { kind: 'seed', min: 0, max: MAX_SEED, default: 0, label: 'seed', effect: 'training', configKey: 'seed', help: 'Seeds the dataset, the initial weights and the batches.' },
  backend: { kind: 'enum', options: ['auto', ...BACKENDS], default: 'auto', label: 'backend', effect: 'engine', help: 'auto measures the working backends and picks the fastest.' },
} as const satisfies Record<string, EngineSettingRow>;

export type EngineSettingKey = keyof typeof ENGINE_SETTINGS;
type RowOf<K extends EngineSettingKey> = (typeof ENGINE_SETTINGS)[K];
/** The value a row holds: a number, or one of its options. */
export type SettingValue<R> = R extends { kind: 'int' | 'float' | 'seed' } ? number : R extends { options: readonly (infer O)[] } ? O : never;
/** A value for every engine setting (the page's Settings has these and more). */
export type EngineSettings = { -readonly [K in EngineSettingKey]: SettingValue<RowOf<K>> };

export const ENGINE_SETTING_KEYS = Object.keys(ENGINE_SETTINGS) as EngineSettingKey[];

/** The row of `key`, as the general row type (for code that handles every kind). */
export function settingRow(key: EngineSettingKey): EngineSettingRow {
  return ENGINE_SETTINGS[key];
}

/** The keys whose change has one of these effects, in table order. */
export function keysWithEffect(...effects: SettingEffect[]): EngineSettingKey[] {
  return ENGINE_SETTING_KEYS.filter((k) => effects.includes(ENGINE_SETTINGS[k].effect));
}

export const DEFAULT_ENGINE_SETTINGS = Object.fromEntries(ENGINE_SETTING_KEYS.map((k) => [k, ENGINE_SETTINGS[k].default])) as EngineSettings;
