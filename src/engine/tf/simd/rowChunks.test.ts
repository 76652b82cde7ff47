import { describe, expect, it } from 'vitest';
import { makeRng } from '../../rng';
import { GEMM_ACCUMULATE, GEMM_RELU, GEMM_RESIDUAL, KernelMemory, type FixedGemmSpec } from './kernels';
import { chunkCount, chunkPlan, rowPointers } from './rowChunks';

// The two-thread products run row chunks (of shrinking sizes) on either thread, at shifted pointers. Here every chunk
// runs on one thread, in reverse order (Node has no web Worker), which checks the cut: the chunks
// together must equal the whole product bit for bit, for every kind of product and kernel tiling.
describe('cutting a product into row chunks', () => {
  it('cuts M rows into chunks of a quarter of the rows left (multiples of 8, at least 8), covering every row once', () => {
    // 256 rows: ⌈256/4⌉ = 64, then ⌈192/4⌉ = 48, ⌈144/4⌉ = 36 → 40, ⌈104/4⌉ = 26 → 32, 72/4 = 18 → 24, 48/4 = 12 → 16, then 8s
    expect(Array.from(chunkPlan(256))).toEqual([0, 64, 112, 152, 184, 208, 224, 232, 240, 248, 256]);
    expect(chunkCount(256)).toBe(10);
    expect(Array.from(chunkPlan(20))).toEqual([0, 8, 16, 20]);
    for (const M of [1, 32, 33, 98, 128, 255, 256, 2000, 65536]) {
      const plan = chunkPlan(M);
      expect(plan[0]).toBe(0);
      expect(plan[plan.length - 1]).toBe(M);
      for (let k = 0; k + 1 < plan.length; k++) {
        const rows = plan[k + 1]! - plan[k]!;
        expect(rows).toBeGreaterThan(0);
        if (k + 2 < plan.length) expect(rows % 8).toBe(0);
        if (k > 0) expect(rows).toBeLessThanOrEqual(plan[k]! - plan[k - 1]!);
      }
      expect(chunkCount(M)).toBeLessThanOrEqual(128); // what the claim word can count
    }
  });

  const cases: Array<{ label: string; transA: boolean; M: number; N: number; K: number; flags: number }> = [
    { label: 'forward layer (bias, ReLU)', transA: false, M: 256, N: 128, K: 98, flags: GEMM_RELU },
    { label: 'residual block h + relu(hW + b)', transA: false, M: 200, N: 128, K: 128, flags: GEMM_RELU | GEMM_RESIDUAL },
    { label: 'input gradient, accumulated', transA: false, M: 256, N: 128, K: 128, flags: GEMM_ACCUMULATE },
    { label: 'weight gradient hᵀe (A transposed)', transA: true, M: 128, N: 128, K: 256, flags: 0 },
    { label: 'first-layer weight gradient uᵀe (A transposed)', transA: true, M: 98, N: 128, K: 256, flags: 0 },
  ];
  const tilings = [{ unroll: 1, tileRows: 4 }, { unroll: 4, tileRows: 4 }, { unroll: 4, tileRows: 6 }];
  for (const c of cases) {
    it(`${c.label}: the chunks equal the whole, bit for bit, with every tiling`, () => {
      const rng = makeRng(5);
      const mem = new KernelMemory({ shared: false });
      // Row strides with padding, as the network's buffers have.
      const lda = 4 * ((c.transA ? c.M : c.K) + 4);
      const ldb = 4 * c.N;
      const ldc = 4 * (c.N + 4);
      const aRows = c.transA ? c.K : c.M;
      const A = mem.alloc((aRows * lda) / 4);
      const B = mem.alloc((c.K * ldb) / 4);
      const bias = mem.alloc(c.N);
      const start = mem.alloc((c.M * ldc) / 4);
      const whole = mem.alloc((c.M * ldc) / 4);
      const parts = mem.alloc((c.M * ldc) / 4);
      for (const [ptr, n] of [[A, (aRows * lda) / 4], [B, (c.K * ldb) / 4], [bias, c.N], [start, (c.M * ldc) / 4]] as const) mem.f32.set(rng.normals(n), ptr / 4);
      const useBias = c.transA ? 0 : bias;
      for (const tiling of tilings) {
        const spec: FixedGemmSpec = { transA: c.transA, lda, ldb, ldc, ...tiling };
        const { g } = mem.fixedGemms({ g: spec });
        // the same starting C for both (accumulate reads it)
        for (const C of [whole, parts]) mem.f32.copyWithin(C / 4, start / 4, start / 4 + (c.M * ldc) / 4);
        g(A, B, whole, useBias, c.M, c.N, c.K, c.flags);
        const plan = chunkPlan(c.M);
        for (let k = chunkCount(c.M) - 1; k >= 0; k--) {
          const p = rowPointers(spec, A, parts, plan[k]!);
          g(p.A, B, p.C, useBias, plan[k + 1]! - plan[k]!, c.N, c.K, c.flags);
        }
        const w = mem.floats(whole, (c.M * ldc) / 4);
        const p = mem.floats(parts, (c.M * ldc) / 4);
        let differing = 0;
        for (let i = 0; i < c.M; i++) for (let j = 0; j < c.N; j++) if (!Object.is(w[(i * ldc) / 4 + j], p[(i * ldc) / 4 + j])) differing++;
        expect(differing, `tiling ${JSON.stringify(tiling)}`).toBe(0);
      }
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
