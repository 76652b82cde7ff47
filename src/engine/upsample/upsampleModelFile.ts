/**
 * The upsampler as a file: the playground's model file (modelFile.ts, "DPMF", int8 weights as the
 * pretrained digits use, int8Weights.ts) whose settings say "an upsampler from 4×4 to 8×8 of this
 * network", so a file is checked against the network before any weight is loaded. No tfjs here.
 * The shipped default is public/pretrained/upsample.bin (scripts/upsample/pretrain.ts).
 */
import { ModelFileError, type ModelFile } from '../modelFile';
import type { ScheduleOptions } from '../schedule';
import type { DenoiserConfig } from '../tf/denoiserConfig';
import { HIGH_SIDE, LOW_SIDE } from './downsample';
import { UPSAMPLE_NET, UPSAMPLE_SCHEDULE } from './upsampleRecipe';

export interface UpsampleModelFileConfig {
  kind: 'upsample-ddpm';
  /** Side of the generated image (8) and of the condition (4). */
  high: number;
  low: number;
  net: Pick<DenoiserConfig, 'width' | 'depth' | 'timeEmbedDim' | 'inputEmbedDim' | 'prediction'> & { condDim: number };
  schedule: ScheduleOptions;
}

/** JSON with object keys sorted, so settings compare equal whatever order a file wrote them in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v));
}

/** The settings a file of the recipe's upsampler carries. */
export function upsampleFileConfig(): UpsampleModelFileConfig {
  const { width, depth, timeEmbedDim, inputEmbedDim, prediction, condDim } = UPSAMPLE_NET;
  return { kind: 'upsample-ddpm', high: HIGH_SIDE, low: LOW_SIDE, net: { width, depth, timeEmbedDim, inputEmbedDim, prediction, condDim: condDim ?? 0 }, schedule: { ...UPSAMPLE_SCHEDULE } };
}

/** Throws a ModelFileError naming the first difference unless `file` holds the upsampler `expected` describes. */
export function checkUpsampleModelFile(file: ModelFile, expected: UpsampleModelFileConfig = upsampleFileConfig()): ModelFile<UpsampleModelFileConfig> {
  const c = file.config as Partial<UpsampleModelFileConfig>;
  if (c.kind !== 'upsample-ddpm') throw new ModelFileError(`This is not an upsampler (kind ${String(c.kind)}); expected a ${expected.low}×${expected.low} → ${expected.high}×${expected.high} upsampler.`);
  for (const key of ['high', 'low', 'net', 'schedule'] as const) {
    if (canonical(c[key]) !== canonical(expected[key])) throw new ModelFileError(`This upsampler's ${key} is ${JSON.stringify(c[key])}; expected ${JSON.stringify(expected[key])}.`);
  }
  return file as unknown as ModelFile<UpsampleModelFileConfig>;
}
