import { describe, expect, it } from 'vitest';
import { encodeModelFile, ModelFileError } from '../modelFile';
import { autoencoderShapes, encodeAutoencoderFile, readAutoencoderFile } from './autoencoderFile';

const config = { dim: 4, latentDim: 2, hidden: [3] };

describe('the autoencoder file', () => {
  it('lists the weight shapes layer by layer: encoder 4 → 3 → 2, decoder 2 → 3 → 4', () => {
    expect(autoencoderShapes(config)).toEqual([[4, 3], [3], [3, 2], [2], [2, 3], [3], [3, 4], [4]]);
  });

  it('round-trips settings and weights, each 8-bit weight within half a step of its column scale', () => {
    const weights = autoencoderShapes(config).map((shape, k) => ({ name: `w${k}`, shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(7 * k + i)) }));
    const read = readAutoencoderFile(encodeAutoencoderFile(config, weights, 42), config);
    expect(read.config).toEqual({ kind: 'digit-autoencoder', ...config });
    expect(read.step).toBe(42);
    read.weights.forEach((w, k) => {
      const cols = w.shape.length === 2 ? w.shape[1]! : 1;
      const scale = (j: number): number => Math.max(...weights[k]!.values.filter((_, i) => i % cols === j).map(Math.abs)) / 127;
      w.values.forEach((v, i) => expect(Math.abs(v - weights[k]!.values[i]!)).toBeLessThanOrEqual(scale(i % cols) / 2 + 1e-7));
    });
  });

  it('refuses a file for another latent size and a file of another kind, saying what it is', () => {
    const weights = autoencoderShapes(config).map((shape, k) => ({ name: `w${k}`, shape, values: new Float32Array(shape.reduce((a, b) => a * b, 1)) }));
    const bytes = encodeAutoencoderFile(config, weights, 1);
    expect(() => readAutoencoderFile(bytes, { ...config, latentDim: 3 })).toThrow(ModelFileError);
    expect(() => readAutoencoderFile(bytes, { ...config, latentDim: 3 })).toThrow(/a latent of 2/);
    const twoD = encodeModelFile({ config: { dataset: 'twoMoons' }, step: 1, weights });
    expect(() => readAutoencoderFile(twoD, config)).toThrow(/not a digit autoencoder/);
  });
});
