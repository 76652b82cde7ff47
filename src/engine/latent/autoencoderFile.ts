/**
 * The digit autoencoder as a file: the playground's model file (../modelFile.ts, "DPMF", 8-bit
 * weights by default: ../int8Weights.ts) whose settings say "a digit autoencoder with a latent of
 * size d", so a file is checked against the network it is meant for before any weight is used.
 * No tfjs here: the page can check a file itself; the worker loads the weights into an Autoencoder.
 */
import { decodeModelFile, encodeModelFile, ModelFileError, type StoredWeight, type WeightDtype } from '../modelFile';
import type { AutoencoderConfig } from '../tf/autoencoder';

export interface AutoencoderFileConfig extends AutoencoderConfig {
  kind: 'digit-autoencoder';
}

/** The file's bytes: the settings and weights (encoder then decoder, weights then bias per layer). */
export function encodeAutoencoderFile(config: AutoencoderConfig, weights: StoredWeight[], step: number, dtype: WeightDtype = 'int8'): Uint8Array {
  const { dim, latentDim, hidden } = config;
  return encodeModelFile({ config: { kind: 'digit-autoencoder', dim, latentDim, hidden: hidden.slice() } satisfies AutoencoderFileConfig, step, weights }, dtype);
}

/** The weight shapes of an autoencoder: [in, out] and [out] per layer, encoder then decoder. */
export function autoencoderShapes(config: AutoencoderConfig): number[][] {
  const widths = [config.dim, ...config.hidden, config.latentDim];
  const layers = (w: number[]): number[][] => w.slice(1).flatMap((out, k) => [[w[k]!, out], [out]]);
  return [...layers(widths), ...layers(widths.slice().reverse())];
}

/**
 * Decodes a file and checks it is a digit autoencoder for `expected` (latent size, pixels, hidden
 * widths) with weights of the right shapes; throws a ModelFileError saying what differs.
 */
export function readAutoencoderFile(bytes: ArrayBuffer | Uint8Array, expected: AutoencoderConfig): { config: AutoencoderFileConfig; weights: StoredWeight[]; step: number } {
  const file = decodeModelFile(bytes);
  const c = file.config as Partial<AutoencoderFileConfig>;
  if (c.kind !== 'digit-autoencoder') throw new ModelFileError(`This is not a digit autoencoder file (its settings say ${JSON.stringify(c.kind ?? 'nothing')}).`);
  const same = c.dim === expected.dim && c.latentDim === expected.latentDim && Array.isArray(c.hidden) && c.hidden.join(',') === expected.hidden.join(',');
  if (!same) {
    throw new ModelFileError(`This autoencoder has ${String(c.dim)} pixels, a latent of ${String(c.latentDim)} and hidden widths [${String(c.hidden)}]; expected ${expected.dim}, ${expected.latentDim} and [${expected.hidden.join(',')}].`);
  }
  const shapes = autoencoderShapes(expected);
  if (file.weights.length !== shapes.length || file.weights.some((w, k) => w.shape.join('x') !== shapes[k]!.join('x'))) {
    throw new ModelFileError(`This autoencoder file's weights do not have the shapes its settings call for.`);
  }
  return { config: c as AutoencoderFileConfig, weights: file.weights, step: file.step };
}
