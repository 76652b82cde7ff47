import { describe, expect, it } from 'vitest';
import { dequantizeInt8, int8Columns, quantizeInt8 } from './int8Weights';
import { decodeModelFile, encodeModelFile } from './modelFile';
import { makeRng } from './rng';

describe('8-bit weights, one scale per column', () => {
  it('scales each column by its largest magnitude / 127 (hand-worked 2 × 2 example)', () => {
    // Column 0: max |w| = 1 → s = 1/127; column 1: max 0.5 → s = 0.5/127. 0.25 / (0.5/127) = 63.5 → 64.
    const { scales, q } = quantizeInt8(Float32Array.from([1, 0.5, -1, 0.25]), 2);
    expect(scales[0]).toBeCloseTo(1 / 127, 7);
    expect(scales[1]).toBeCloseTo(0.5 / 127, 7);
    expect(Array.from(q)).toEqual([127, 127, -127, 64]);
    const back = dequantizeInt8(q, scales);
    expect(back[3]).toBeCloseTo((64 * 0.5) / 127, 6);
  });

  it('keeps every value within half a step s_j / 2 of its column, and an all-zero column exact', () => {
    const rows = 50;
    const columns = 7;
    const rng = makeRng(3);
    const values = Float32Array.from({ length: rows * columns }, (_, k) => (k % columns === 6 ? 0 : rng.normal() * 10 ** ((k % columns) - 3)));
    const { scales, q } = quantizeInt8(values, columns);
    const back = dequantizeInt8(q, scales);
    values.forEach((v, k) => expect(Math.abs(back[k]! - v)).toBeLessThanOrEqual(scales[k % columns]! / 2 + 1e-12));
    for (let r = 0; r < rows; r++) expect(back[r * columns + 6]).toBe(0);
    // The small-valued column keeps its own resolution (not rounded to 0 by the large one).
    expect(back.filter((_, k) => k % columns === 0).some((v) => v !== 0)).toBe(true);
  });

  it('a matrix is scaled by its last dimension, a vector as one column', () => {
    expect(int8Columns([107, 256])).toBe(256);
    expect(int8Columns([64])).toBe(1);
  });

  it('round-trips through the model file: the right size, each value within s_j / 2', () => {
    const rng = makeRng(9);
    const weights = [
      { name: 'in/w', shape: [5, 3], values: Float32Array.from({ length: 15 }, () => rng.normal()) },
      { name: 'in/b', shape: [3], values: Float32Array.from([0.5, -0.25, 0.125]) },
    ];
    const file = { config: { kind: 'test' }, step: 7, weights };
    const f32 = encodeModelFile(file, 'float32');
    const i8 = encodeModelFile(file, 'int8');
    // Weights: float32 4 × 18 = 72 bytes; int8 (3 scales × 4 + 15 values padded to 16) + (1 scale × 4 + 3 values padded to 4) = 36 bytes.
    expect(weightBytes(f32)).toBe(72);
    expect(weightBytes(i8)).toBe(36);
    const back = decodeModelFile(i8);
    expect(back.step).toBe(7);
    back.weights.forEach((w, k) => {
      const want = weights[k]!;
      const { scales } = quantizeInt8(want.values, int8Columns(want.shape));
      w.values.forEach((v, j) => expect(Math.abs(v - want.values[j]!)).toBeLessThanOrEqual(scales[j % scales.length]! / 2 + 1e-12));
    });
  });
});

/** Bytes after the header (magic, length, JSON, padded to 4). */
function weightBytes(bytes: Uint8Array): number {
  const json = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
  return bytes.length - Math.ceil((8 + json) / 4) * 4;
}
