/**
 * Checks that an incoming message is a well-formed Request before the worker acts on it.
 * A bad message yields the name of the offending field and what it must be; nothing runs.
 */
import { DDPM_VARIANCES } from '../engine/ddpmStep';
import { MAX_T } from '../engine/schedule';
import { ENGINE_SETTINGS, settingRow, type EngineSettingRow } from '../engine/settings/engineSettings';
import { rangeProblem } from '../engine/settings/settingRange';
import { CONFIG_SETTING_KEYS, configKeyOf } from '../engine/settings/sessionConfig';
import { TIMESTEP_SPACINGS } from '../engine/timesteps';
// Not '../engine/tf': the page imports this file, and that index would bring tfjs into its bundle.
import { OPTIMIZERS, SAMPLE_METHODS } from '../engine/tf/choices';
import { PREDICTION_TARGETS } from '../engine/tf/denoiserConfig';
import { MAX_GUIDANCE } from '../engine/guidance';
import { MAX_LAB_SAMPLES } from './labConfig';
import { IMAGE_SCHEDULE, MAX_IMAGE_SAMPLES, MAX_LIKELIHOOD_IMAGES } from './imageConfig';
import { DIGIT_CLASSES, DIGIT_DIM } from '../engine/datasets/digits';
import { DIGIT_MAX_LEVEL } from '../engine/pixelScale';
import { IMAGE_MODELS, MODEL_IDS, VIDEO_MODELS, type ModelId } from '../engine/modelIds';
import { MAX_VIDEO_SAMPLES } from './videoConfig';
import type { Request } from './protocol';
import { LATENT_DIMS } from '../engine/latent/latentDims';
import { MAX_LATENT_SAMPLES } from './latentProtocol';

export type Validation = { ok: true; request: Request } | { ok: false; id: number | null; field: string; message: string };

type Check = (value: unknown) => string | null;

const int = (min: number, max: number): Check => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `an integer in [${min}, ${max}]`;
const num = (min: number, max: number): Check => (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? null : `a number in [${min}, ${max}]`;
const oneOf = (options: readonly string[]): Check => (v) => (typeof v === 'string' && options.includes(v) ? null : `one of ${options.join(', ')}`);
const intList = (min: number, max: number, maxLength: number): Check => (v) =>
  Array.isArray(v) && v.length <= maxLength && v.every((x) => int(min, max)(x) === null) ? null : `a list of at most ${maxLength} integers in [${min}, ${max}]`;
/** A setting the reader can change: checked against its row of the engine's settings, the one range (or list) the page uses too. */
const setting = (row: EngineSettingRow, alsoAllowed: readonly string[] = []): Check =>
  row.kind === 'enum' ? oneOf([...row.options, ...alsoAllowed]) : (v) => rangeProblem(row, v);
const optional = (check: Check): Check => (v) => (v === undefined ? null : check(v));
const float32 = (minLength: number): Check => (v) => (v instanceof Float32Array && v.length >= minLength ? null : `a Float32Array of at least ${minLength} values`);
const object = (fields: Record<string, Check>): Check => (v) => {
  if (typeof v !== 'object' || v === null) return 'an object';
  for (const [key, check] of Object.entries(fields)) {
    const problem = check((v as Record<string, unknown>)[key]);
    if (problem) return `.${key}: ${problem}`;
  }
  return null;
};

const ID = int(0, Number.MAX_SAFE_INTEGER);

/** Every field that is a setting is checked by its row; a drawing's dataset is 'custom', which no setting offers. */
const CONFIG = object({
  ...Object.fromEntries(CONFIG_SETTING_KEYS.map((k) => [configKeyOf(k), setting(settingRow(k), k === 'dataset' ? ['custom'] : [])])),
  points: optional(float32(4)),
  nPoints: int(2, 100000),
  timeEmbedDim: int(2, 512),
  inputEmbedDim: int(0, 512),
  prediction: oneOf(PREDICTION_TARGETS),
  optimizer: oneOf(OPTIMIZERS),
});

const SAMPLE = object({
  method: oneOf(SAMPLE_METHODS),
  n: int(1, 100000),
  steps: int(1, MAX_T),
  eta: setting(ENGINE_SETTINGS.eta),
  variance: oneOf(DDPM_VARIANCES),
  spacing: oneOf(TIMESTEP_SPACINGS),
  seed: int(0, 2 ** 32 - 1),
  trace: intList(0, 99999, 5000),
  traceEvery: int(1, MAX_T),
  stopAt: optional(int(0, MAX_T)),
});

/** A short name: an owner of sample runs (a widget id). */
const shortName: Check = (v) => (typeof v === 'string' && v.length <= 64 ? null : 'a string of at most 64 characters');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'true or false');
/** An absolute http(s) or file URL (the page's document.baseURI). */
const absoluteUrl: Check = (v) => {
  if (typeof v !== 'string' || v.length > 4096) return 'an absolute URL';
  try {
    return ['http:', 'https:', 'file:'].includes(new URL(v).protocol) ? null : 'an http(s) or file URL';
  } catch {
    return 'an absolute URL';
  }
};

const SEED = int(0, 2 ** 32 - 1);
const SIGNAL_SAMPLE = object({ n: int(1, MAX_LAB_SAMPLES), seed: SEED });

const IMAGE_FIELDS = object({
  n: int(1, MAX_IMAGE_SAMPLES), seed: SEED, classLabel: optional(int(0, DIGIT_CLASSES - 1)), w: num(-1, MAX_GUIDANCE),
  steps: int(1, IMAGE_SCHEDULE.T), eta: optional(num(0, 1)), score: optional(bool),
  frames: optional(int(2, IMAGE_SCHEDULE.T + 1)), nearest: optional(bool), owner: optional(shortName),
});
/** A scored sample needs two images at least (a Fréchet distance fits a covariance); the chain has steps + 1 states to show. */
const IMAGE_SAMPLE: Check = (v) => {
  const problem = IMAGE_FIELDS(v);
  if (problem) return problem;
  const o = v as { score?: boolean; n: number; frames?: number; steps: number };
  if (o.score && o.n < 2) return `.n: an integer in [2, ${MAX_IMAGE_SAMPLES}] when scored`;
  if (o.frames !== undefined && o.frames > o.steps + 1) return `.frames: an integer in [2, ${o.steps + 1}] (steps + 1)`;
  return null;
};

/** One 8×8 image's pixels, and the largest of its grey levels 0 … 16 on [−1, 1] (eq. 8.1: neighbours 1/8 apart). */
const IMAGE_PIXELS = DIGIT_DIM;
const IMAGE_LEVELS = DIGIT_MAX_LEVEL;
/**
 * Drawn digits to score: 1 … MAX_LIKELIHOOD_IMAGES whole 8×8 images, every value a finite grey level
 * −1 + 2k/16 (within a thousandth of a level, for float32). An all-blank image is allowed (the page says "draw something").
 */
const LIKELIHOOD_IMAGES: Check = (v) => {
  if (!(v instanceof Float32Array) || v.length === 0 || v.length % IMAGE_PIXELS !== 0 || v.length > MAX_LIKELIHOOD_IMAGES * IMAGE_PIXELS) {
    return `a Float32Array of 1 to ${MAX_LIKELIHOOD_IMAGES} whole ${IMAGE_PIXELS}-pixel images`;
  }
  for (const x of v) {
    const k = Math.round(((x + 1) * IMAGE_LEVELS) / 2);
    if (!Number.isFinite(x) || k < 0 || k > IMAGE_LEVELS || Math.abs(x - (-1 + (2 * k) / IMAGE_LEVELS)) > 1e-3 * (2 / IMAGE_LEVELS)) {
      return `finite grey levels −1 + k/8 (k = 0 … ${IMAGE_LEVELS}); found ${x}`;
    }
  }
  return null;
};

/** Video clips: how many (scored, so at least 1), from which seed, for which owner. */
const VIDEO_SAMPLE = object({ n: int(1, MAX_VIDEO_SAMPLES), seed: SEED, owner: optional(shortName) });
/** A latent sample (latentProtocol.ts): a scored one needs two codes at least, as an image sample. */
const LATENT_FIELDS = object({ n: int(1, MAX_LATENT_SAMPLES), seed: SEED, score: optional(bool), owner: optional(shortName) });
const LATENT_SAMPLE: Check = (v) => {
  const problem = LATENT_FIELDS(v);
  if (problem) return problem;
  const o = v as { score?: boolean; n: number };
  return o.score && o.n < 2 ? `.n: an integer in [2, ${MAX_LATENT_SAMPLES}] when scored` : null;
};
const LATENT_DIM: Check = (v) => ((LATENT_DIMS as readonly unknown[]).includes(v) ? null : `one of ${LATENT_DIMS.join(', ')}`);
/** Issue 15's upsampler: the 4×4 condition, exactly 16 finite values in [−1, 1]. */
const UPSAMPLE_COND: Check = (v) => {
  if (!(v instanceof Float32Array) || v.length !== 16) return 'a Float32Array of 16 values (the 4×4 image, row-major)';
  const bad = Array.from(v).find((x) => !(x >= -1 && x <= 1));
  return bad === undefined ? null : `16 values in [−1, 1] (found ${bad})`;
};
const UPSAMPLE = object({ cond: UPSAMPLE_COND, k: int(2, 32), seed: SEED, owner: optional(shortName) });

/** Each model's sample options (the `sample` request is a union discriminated by `model`). */
const SAMPLE_OPTIONS: Record<ModelId, Check> = {
  main: SAMPLE,
  signals: SIGNAL_SAMPLE,
  oneShot: SIGNAL_SAMPLE,
  guided: object({ n: int(1, MAX_LAB_SAMPLES), seed: SEED, classLabel: int(0, 63), w: num(-1, MAX_GUIDANCE) }),
  images: IMAGE_SAMPLE,
  shapes: IMAGE_SAMPLE,
  videoJoint: VIDEO_SAMPLE,
  videoFrames: VIDEO_SAMPLE,
  latent: LATENT_SAMPLE,
  upsample: UPSAMPLE,
};
const MODEL = oneOf(MODEL_IDS);

const WEIGHTS: Check = (v) =>
  Array.isArray(v) && v.length > 0 && v.every((w) => typeof w?.name === 'string' && Array.isArray(w.shape) && w.values instanceof Float32Array)
    ? null
    : 'a non-empty list of { name, shape, values: Float32Array }';

/** The fields of each request type; a function where they depend on the message (the sample options on its model). */
type Schema = Record<string, Check> | ((raw: Record<string, unknown>) => Record<string, Check>);

const SCHEMAS: Record<Request['type'], Schema> = {
  init: { id: ID, backend: setting(ENGINE_SETTINGS.backend), base: optional(absoluteUrl) },
  configure: { id: ID, config: CONFIG },
  train: { id: ID, runId: ID, action: oneOf(['start', 'pause', 'step']), model: MODEL, steps: optional(int(1, 100000)) },
  // `model` is checked first, so the options' check is picked only for a known model.
  sample: (raw) => ({ id: ID, runId: ID, model: MODEL, options: SAMPLE_OPTIONS[raw.model as ModelId] ?? (() => null) }),
  ack: { id: ID, runId: ID, chunk: ID },
  forward: { id: ID, n: int(1, 5000), every: int(1, MAX_T), seed: int(0, 2 ** 32 - 1) },
  elbo: { id: ID, n: int(1, 5000), seed: int(0, 2 ** 32 - 1) },
  imageLikelihood: { id: ID, images: LIKELIHOOD_IMAGES, seed: SEED },
  predict: { id: ID, i: int(0, MAX_T - 1), points: float32(2) },
  exportWeights: { id: ID },
  importWeights: { id: ID, weights: (v) => (Array.isArray(v) && v.length > 0 ? null : 'a non-empty list of weights'), step: int(0, Number.MAX_SAFE_INTEGER) },
  importModel: { id: ID, config: CONFIG, weights: WEIGHTS, step: int(0, Number.MAX_SAFE_INTEGER) },
  reset: { id: ID, model: MODEL },
  describe: { id: ID },
  ping: { id: ID },
  upsample: { id: ID, options: UPSAMPLE },
  upsampleStart: { id: ID, from: oneOf(['pretrained', 'scratch']) },
  imageModelStart: { id: ID, from: oneOf(['pretrained', 'scratch']), model: optional(oneOf(IMAGE_MODELS)) },
  imageModelExport: { id: ID, model: optional(oneOf(IMAGE_MODELS)) },
  videoModelStart: { id: ID, from: oneOf(['pretrained', 'scratch']), model: oneOf(VIDEO_MODELS) },
  latentStart: { id: ID, d: LATENT_DIM, fresh: optional(bool) },
  imageModelLoad: { id: ID, bytes: (v) => (v instanceof ArrayBuffer ? null : 'an ArrayBuffer (the model file)'), name: (v) => (typeof v === 'string' && v.length <= 255 ? null : 'a file name of at most 255 characters'), model: optional(oneOf(IMAGE_MODELS)) },
};

/** Validates a message from the page; on failure names the first bad field (e.g. "config.T"). */
export function validateRequest(message: unknown): Validation {
  const raw = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
  const id = typeof raw.id === 'number' && Number.isInteger(raw.id) ? raw.id : null;
  const type = raw.type;
  if (typeof type !== 'string' || !(type in SCHEMAS)) {
    return { ok: false, id, field: 'type', message: `type must be one of ${Object.keys(SCHEMAS).join(', ')} (got ${JSON.stringify(type)})` };
  }
  const schema = SCHEMAS[type as Request['type']];
  for (const [key, check] of Object.entries(typeof schema === 'function' ? schema(raw) : schema)) {
    const problem = check(raw[key]);
    if (problem) {
      const nested = problem.startsWith('.') ? problem.slice(1).split(': ') : null;
      const field = nested ? `${key}.${nested[0]}` : key;
      const must = nested ? nested.slice(1).join(': ') : problem;
      return { ok: false, id, field, message: `${type}: ${field} must be ${must} (got ${describe(nested ? (raw[key] as Record<string, unknown>)?.[nested[0]!] : raw[key])})` };
    }
  }
  return { ok: true, request: message as Request };
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) return JSON.stringify(v);
  return Array.isArray(v) ? `a list of ${v.length}` : typeof v;
}
