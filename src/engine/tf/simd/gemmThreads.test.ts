import { describe, expect, it } from 'vitest';
import { makeRng } from '../../rng';
import { splitRows, restPointers } from './gemmThreads';
import { GEMM_ACCUMULATE, GEMM_RELU, GEMM_RESIDUAL, KernelMemory, type FixedGemmSpec } from './kernels';

// The two-thread products compute rows [0, h) here and rows [h, M) on the helper, at shifted
// pointers. Both parts run on one thread here (Node has no web Worker), which checks the split:
// the two parts together must equal the whole product bit for bit, for every kind of product.
describe('splitting a product between two threads', () => {
  it('keeps about half the rows, a multiple of 8, and leaves the rest', () => {
    expect(splitRows(256)).toBe(128);
    expect(splitRows(98)).toBe(56);
    expect(splitRows(2000)).toBe(1000);
    expect(splitRows(8)).toBe(8);
    for (const M of [32, 33, 98, 128, 255, 256, 2000]) {
      const h = splitRows(M);
      expect(h % 8).toBe(0);
      expect(h).toBeGreaterThan(0);
      expect(h).toBeLessThan(M);
    }
  });

  const cases: Array<{ label: string; transA: boolean; M: number; N: number; K: number; flags: number }> = [
    { label: 'forward layer (bias, ReLU)', transA: false, M: 256, N: 128, K: 98, flags: GEMM_RELU },
    { label: 'residual block h + relu(hW + b)', transA: false, M: 200, N: 128, K: 128, flags: GEMM_RELU | GEMM_RESIDUAL },
    { label: 'input gradient, accumulated', transA: false, M: 256, N: 128, K: 128, flags: GEMM_ACCUMULATE },
    { label: 'weight gradient hᵀe (A transposed)', transA: true, M: 128, N: 128, K: 256, flags: 0 },
    { label: 'first-layer weight gradient uᵀe (A transposed)', transA: true, M: 98, N: 128, K: 256, flags: 0 },
  ];
  for (const c of cases) {
    it(`${c.label}: the two parts equal the whole, bit for bit`, () => {
      const rng = makeRng(5);
      const mem = new KernelMemory({ shared: false });
      // Row strides with padding, as the network's buffers have.
      const lda = 4 * ((c.transA ? c.M : c.K) + 4);
      const ldb = 4 * c.N;
      const ldc = 4 * (c.N + 4);
      const spec: FixedGemmSpec = { transA: c.transA, lda, ldb, ldc };
      const { g } = mem.fixedGemms({ g: spec });
      const aRows = c.transA ? c.K : c.M;
      const A = mem.alloc((aRows * lda) / 4);
      const B = mem.alloc((c.K * ldb) / 4);
      const bias = mem.alloc(c.N);
      const whole = mem.alloc((c.M * ldc) / 4);
      const parts = mem.alloc((c.M * ldc) / 4);
      for (const [ptr, n] of [[A, (aRows * lda) / 4], [B, (c.K * ldb) / 4], [bias, c.N], [whole, (c.M * ldc) / 4]] as const) mem.f32.set(rng.normals(n), ptr / 4);
      mem.f32.copyWithin(parts / 4, whole / 4, whole / 4 + (c.M * ldc) / 4); // same starting C (accumulate reads it)
      const useBias = c.transA ? 0 : bias;

      g(A, B, whole, useBias, c.M, c.N, c.K, c.flags);
      const h = splitRows(c.M);
      g(A, B, parts, useBias, h, c.N, c.K, c.flags);
      const rest = restPointers(spec, A, parts, h);
      g(rest.A, B, rest.C, useBias, c.M - h, c.N, c.K, c.flags);

      const w = mem.floats(whole, (c.M * ldc) / 4);
      const p = mem.floats(parts, (c.M * ldc) / 4);
      let differing = 0;
      for (let i = 0; i < c.M; i++) for (let j = 0; j < c.N; j++) if (!Object.is(w[(i * ldc) / 4 + j], p[(i * ldc) / 4 + j])) differing++;
      expect(differing).toBe(0);
    });
  }

  it('a shared memory runs the same kernels to the same results', () => {
    const shared = new KernelMemory({ shared: true });
    expect(shared.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    const plain = new KernelMemory({ shared: false });
    const rng = makeRng(6);
    const values = rng.normals(64 * 64 * 2);
    const out: Float32Array[] = [];
    for (const mem of [plain, shared]) {
      const { g } = mem.fixedGemms({ g: { transA: false, lda: 256, ldb: 256, ldc: 256 } });
      const A = mem.alloc(64 * 64);
      const B = mem.alloc(64 * 64);
      const C = mem.alloc(64 * 64);
      mem.f32.set(values, A / 4);
      g(A, B, C, 0, 64, 64, 64, GEMM_RELU);
      out.push(Float32Array.from(mem.floats(C, 64 * 64)));
    }
    expect(out[1]).toEqual(out[0]);
  });
});
