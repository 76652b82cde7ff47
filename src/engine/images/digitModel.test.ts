import { describe, expect, it } from 'vitest';
import { evenDigits } from './digitModel';

describe('evenDigits', () => {
  it('asks for every digit ⌊n/10⌋ or ⌈n/10⌉ times, in order', () => {
    for (const n of [10, 25, 2000, 7]) {
      const d = evenDigits(n);
      expect(d.length).toBe(n);
      const counts = Array.from({ length: 10 }, (_, c) => d.filter((x) => x === c).length);
      if (n >= 10) counts.forEach((k) => expect([Math.floor(n / 10), Math.ceil(n / 10)]).toContain(k));
      else expect(counts.filter((k) => k > 0).length).toBe(n); // fewer than ten: n different digits
      for (let r = 1; r < n; r++) expect(d[r]!).toBeGreaterThanOrEqual(d[r - 1]!);
    }
    expect(Array.from(evenDigits(25)).slice(0, 6)).toEqual([0, 0, 0, 1, 1, 2]);
  });
});

describe('perRowDigits', () => {
  it('asks each row for its own digit: row r equals the network at label digits[r], and the row count must match', async () => {
    const tf = await import('@tensorflow/tfjs');
    const { useTestBackend } = await import('../tf/testBackend');
    const { Denoiser } = await import('../tf/denoiser');
    const { resolveDenoiserConfig } = await import('../tf/denoiserConfig');
    const { makeSchedule } = await import('../schedule');
    const { perRowDigits } = await import('./digitModel');
    await useTestBackend();
    const schedule = makeSchedule({ kind: 'cosine', T: 50 });
    const net = new Denoiser(resolveDenoiserConfig({ dim: 4, T: 50, width: 8, depth: 1, timeEmbedDim: 4, inputEmbedDim: 0, classes: 10 }), 3);
    const digits = Int32Array.from([7, 0, 3]);
    const x = tf.randomNormal([3, 4], 0, 1, 'float32', 1) as import('@tensorflow/tfjs').Tensor2D;
    const mixed = await perRowDigits(net, digits).predictEps(x, 20, schedule).array();
    for (let r = 0; r < 3; r++) {
      const alone = await net.predictEps(x, 20, schedule, new Int32Array(3).fill(digits[r]!)).array();
      alone[r]!.forEach((v, j) => expect(mixed[r]![j]!).toBeCloseTo(v, 6));
    }
    const other = await net.predictEps(x, 20, schedule, new Int32Array(3).fill(5)).array();
    expect(mixed[0]![0]).not.toBeCloseTo(other[0]![0]!, 6);
    expect(() => perRowDigits(net, Int32Array.from([1, 2])).predictEps(x, 20, schedule)).toThrow(/one digit per row/);
    x.dispose();
    net.dispose();
  });
});
