/**
 * Sinusoidal features (Vaswani et al. 2017; DDPM's time embedding): a scalar v becomes
 * [sin(v·ω_0) … sin(v·ω_{h−1}), cos(v·ω_0) … cos(v·ω_{h−1})] with ω_k = 10000^(−k/(h−1)).
 * High frequencies let a small MLP resolve fine detail in t and, with a scale ≈ 25, in x.
 */
import * as tf from '@tensorflow/tfjs';

/** The frequencies ω_k = exp(−ln(10000) · k / (h − 1)) for an embedding of size 2h. */
export function embeddingFrequencies(size: number): Float32Array {
  const half = size / 2;
  const out = new Float32Array(half);
  for (let k = 0; k < half; k++) out[k] = Math.exp((-Math.log(10000) * k) / Math.max(1, half - 1));
  return out;
}

/** The time-embedding table: row i is the embedding of t = i + 1, for i = 0 … T − 1 (T × size). */
export function timeEmbeddingTable(T: number, size: number): Float32Array {
  const freqs = embeddingFrequencies(size);
  const half = size / 2;
  const out = new Float32Array(T * size);
  for (let i = 0; i < T; i++) {
    for (let k = 0; k < half; k++) {
      out[i * size + k] = Math.sin((i + 1) * freqs[k]!);
      out[i * size + half + k] = Math.cos((i + 1) * freqs[k]!);
    }
  }
  return out;
}

/** Embeds every coordinate of x (n × d) as above after scaling by `scale`: n × (d · size). */
export function embedCoordinates(x: tf.Tensor2D, size: number, scale: number, freqs: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, d] = x.shape;
    const angles = x.mul(scale).reshape([n, d, 1]).mul(freqs.reshape([1, 1, size / 2]));
    return tf.concat([angles.sin(), angles.cos()], 2).reshape([n, d * size]) as tf.Tensor2D;
  });
}
