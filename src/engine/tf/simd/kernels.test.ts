import { describe, expect, it } from 'vitest';
import { makeRng } from '../../rng';
import { GEMM_ACCUMULATE, GEMM_RELU, GEMM_RESIDUAL, KernelMemory, simdKernels } from './kernels';

// Each kernel against a plain triple loop / element loop in float64 on the same inputs.
describe('WebAssembly SIMD kernels', () => {
  const rng = makeRng(3);
  const fill = (mem: KernelMemory, n: number): [number, Float32Array] => {
    const ptr = mem.alloc(n);
    const values = rng.normals(n);
    mem.f32.set(values, ptr / 4);
    return [ptr, values];
  };
  const close = (got: Float32Array, want: ArrayLike<number>, tol = 1e-4): void => {
    expect(got.length).toBe(want.length);
    let worst = 0;
    for (let k = 0; k < want.length; k++) worst = Math.max(worst, Math.abs(got[k]! - want[k]!) / (1 + Math.abs(want[k]!)));
    expect(worst).toBeLessThanOrEqual(tol);
  };

  it('compiles here (Node has WebAssembly SIMD)', () => {
    expect(simdKernels()).not.toBeNull();
  });

  for (const transA of [false, true]) {
    for (const [M, N, K] of [[13, 16, 7], [256, 128, 98], [2, 8, 256]] as const) {
      it(`gemm${transA ? 'TA' : ''} ${M}×${K} · ${K}×${N} with bias, ReLU and accumulate`, () => {
        const mem = new KernelMemory();
        const [A, a] = fill(mem, M * K); // M×K, or K×M when transposed
        const [B, b] = fill(mem, K * N);
        const [bias, bv] = fill(mem, N);
        const [C, c0] = fill(mem, M * N);
        const aAt = (i: number, k: number) => (transA ? a[k * M + i]! : a[i * K + k]!);
        const ref = (useBias: boolean, relu: boolean, acc: boolean) =>
          Array.from({ length: M * N }, (_, x) => {
            const i = Math.floor(x / N);
            const j = x % N;
            let s = useBias ? bv[j]! : 0;
            for (let k = 0; k < K; k++) s += aAt(i, k) * b[k * N + j]!;
            if (relu) s = Math.max(s, 0);
            return acc ? s + c0[x]! : s;
          });
        const run = transA ? mem.k.gemmTA : mem.k.gemm;
        const lda = (transA ? M : K) * 4;
        run(A, B, C, 0, M, N, K, lda, N * 4, N * 4, GEMM_ACCUMULATE);
        close(mem.floats(C, M * N), ref(false, false, true));
        run(A, B, C, bias, M, N, K, lda, N * 4, N * 4, GEMM_RELU);
        close(mem.floats(C, M * N), ref(true, true, false));
      });
    }
  }

  for (const transA of [false, true]) {
    for (const [M, N, K] of [[13, 16, 7], [256, 128, 98], [2, 8, 2]] as const) {
      it(`gemm with fixed strides${transA ? ', A transposed' : ''}: ${M}×${K} · ${K}×${N} (k unrolled by 4)`, () => {
        const mem = new KernelMemory();
        // Padded rows, so the strides differ from the sizes.
        const [lda, ldb, ldc] = [((transA ? M : K) + 3) * 4, (N + 8) * 4, (N + 4) * 4];
        const { g } = mem.fixedGemms({ g: { transA, lda, ldb, ldc } });
        const [A, a] = fill(mem, (transA ? K : M) * lda / 4);
        const [B, b] = fill(mem, K * ldb / 4);
        const [bias, bv] = fill(mem, N);
        const C = mem.alloc(M * ldc / 4);
        g(A, B, C, bias, M, N, K, GEMM_RELU);
        const got = Float32Array.from({ length: M * N }, (_, x) => mem.f32[C / 4 + Math.floor(x / N) * (ldc / 4) + (x % N)]!);
        close(got, Array.from({ length: M * N }, (_, x) => {
          const i = Math.floor(x / N);
          const j = x % N;
          let s = bv[j]!;
          for (let k = 0; k < K; k++) s += (transA ? a[k * (lda / 4) + i]! : a[i * (lda / 4) + k]!) * b[k * (ldb / 4) + j]!;
          return Math.max(s, 0);
        }));
      });
    }
  }

  it('embed writes [x, sin(x_c·s·ω_k), cos(x_c·s·ω_k)] per row within 2e-6 of Math.sin/cos, for angles up to ±500', () => {
    const mem = new KernelMemory();
    const [n, dim, half, scale, stride] = [50, 3, 8, 25, 3 + 3 * 16 + 5];
    const xs = Float32Array.from(rng.normals(n * dim), (v, k) => (k < 6 ? [0, -0, 1e-3, 4.9, -5, 2.5][k]! : v * 2));
    const freqs = Float32Array.from({ length: half }, (_, k) => Math.exp((-Math.log(10000) * k) / (half - 1)));
    const x = mem.alloc(n * dim);
    const fr = mem.alloc(half);
    const out = mem.alloc(n * stride);
    mem.f32.set(xs, x / 4);
    mem.f32.set(freqs, fr / 4);
    mem.k.embed(x, out, fr, n, dim, half, scale, stride);
    const o = mem.floats(out, n * stride);
    let worst = 0;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < dim; c++) {
        expect(o[r * stride + c]).toBe(xs[r * dim + c]);
        for (let k = 0; k < half; k++) {
          const angle = Math.fround(Math.fround(xs[r * dim + c]! * scale) * freqs[k]!);
          const base = r * stride + dim + c * 2 * half;
          worst = Math.max(worst, Math.abs(o[base + k]! - Math.sin(angle)), Math.abs(o[base + half + k]! - Math.cos(angle)));
        }
      }
    }
    expect(worst).toBeLessThan(2e-6);
  });

  it('GEMM_RESIDUAL adds A\'s own rows: C = A + relu(A·B + bias), generic and fixed strides', () => {
    const mem = new KernelMemory();
    const [M, N] = [21, 16];
    const [A, a] = fill(mem, M * N);
    const [B, b] = fill(mem, N * N);
    const [bias, bv] = fill(mem, N);
    const C = mem.alloc(M * N);
    const want = Array.from({ length: M * N }, (_, x) => {
      const i = Math.floor(x / N);
      let s = bv[x % N]!;
      for (let k = 0; k < N; k++) s += a[i * N + k]! * b[k * N + (x % N)]!;
      return a[x]! + Math.max(s, 0);
    });
    mem.k.gemm(A, B, C, bias, M, N, N, N * 4, N * 4, N * 4, GEMM_RELU | GEMM_RESIDUAL);
    close(mem.floats(C, M * N), want);
    mem.f32.fill(0, C / 4, C / 4 + M * N);
    const { g } = mem.fixedGemms({ g: { transA: false, lda: N * 4, ldb: N * 4, ldc: N * 4 } });
    g(A, B, C, bias, M, N, N, GEMM_RELU | GEMM_RESIDUAL);
    close(mem.floats(C, M * N), want);
  });

  it('dotRows: C = A·Btᵀ + bias for a couple of outputs', () => {
    const mem = new KernelMemory();
    const [M, N, K] = [37, 2, 128];
    const [A, a] = fill(mem, M * K);
    const [Bt, bt] = fill(mem, N * K);
    const [bias, bv] = fill(mem, N);
    const C = mem.alloc(M * N);
    mem.k.dotRows(A, Bt, C, bias, M, N, K, K * 4, K * 4, N * 4);
    close(mem.floats(C, M * N), Array.from({ length: M * N }, (_, x) => {
      let s = bv[x % N]!;
      for (let k = 0; k < K; k++) s += a[Math.floor(x / N) * K + k]! * bt[(x % N) * K + k]!;
      return s;
    }));
  });

  it('reluGrad, add, colSum and sumSquares', () => {
    const mem = new KernelMemory();
    const n = 64;
    const [g, gv] = fill(mem, n);
    const [a, av] = fill(mem, n);
    const out = mem.alloc(n);
    mem.k.reluGrad(g, a, out, n);
    close(mem.floats(out, n), Array.from(gv, (x, k) => (av[k]! > 0 ? x : 0)), 0);
    mem.k.add(g, a, out, n);
    close(mem.floats(out, n), Array.from(gv, (x, k) => x + av[k]!));
    const sums = mem.alloc(8);
    mem.k.colSum(g, sums, 8, 8, 32); // 8×8 matrix in rows of 8
    close(mem.floats(sums, 8), Array.from({ length: 8 }, (_, j) => Array.from({ length: 8 }, (_, i) => gv[i * 8 + j]!).reduce((s, x) => s + x, 0)));
    expect(mem.k.sumSquares(g, n)).toBeCloseTo(Array.from(gv).reduce((s, x) => s + x * x, 0), 3);
  });

  it('adam: one fused step equals the formulas of packedAdam.ts', () => {
    const mem = new KernelMemory();
    const n = 16;
    const [theta, th] = fill(mem, n);
    const [g, gv] = fill(mem, n);
    const [m, mv] = fill(mem, n);
    const v = mem.alloc(n);
    const vv = Float32Array.from(rng.normals(n), (x) => x * x);
    mem.f32.set(vv, v / 4);
    const [ema, ev] = fill(mem, n);
    const decay = mem.alloc(n);
    const dv = Float32Array.from({ length: n }, (_, k) => (k % 2 ? 0.01 : 0));
    mem.f32.set(dv, decay / 4);
    const [gs, b1, b2, step, eps, rate] = [0.5, 0.9, 0.999, 0.01, 1e-7, 0.2];
    mem.k.adam(theta, g, m, v, ema, decay, n, gs, b1, b2, step, eps, rate);
    const want = Array.from({ length: n }, (_, k) => {
      const gk = gv[k]! * gs;
      const mk = b1 * mv[k]! + (1 - b1) * gk;
      const vk = b2 * vv[k]! + (1 - b2) * gk * gk;
      let t = th[k]! - (step * mk) / (Math.sqrt(vk) + eps);
      t -= dv[k]! * t;
      return [mk, vk, t, ev[k]! + rate * (t - ev[k]!)];
    });
    close(mem.floats(m, n), want.map((w) => w[0]!));
    close(mem.floats(v, n), want.map((w) => w[1]!));
    close(mem.floats(theta, n), want.map((w) => w[2]!));
    close(mem.floats(ema, n), want.map((w) => w[3]!));
  });

  it('adam: m and v that fall below the smallest normal float become 0; NaN stays NaN', () => {
    const mem = new KernelMemory();
    const n = 4;
    const at = (values: number[]): number => {
      const p = mem.alloc(n);
      mem.f32.set(values, p / 4);
      return p;
    };
    const FLT_MIN = 2 ** -126;
    const b1 = 0.9;
    const b2 = 0.999;
    // lane 0: m = b1·1.05·FLT_MIN < FLT_MIN → 0; lane 1: v = b2·1.0005·FLT_MIN < FLT_MIN → 0;
    // lane 2: ordinary values, the plain formula; lane 3: a NaN gradient propagates.
    const theta = at([1, 1, 1, 1]);
    const g = at([0, 0, 0.5, Number.NaN]);
    const m = at([1.05 * FLT_MIN, 0, 0.1, 0.1]);
    const v = at([1, 1.0005 * FLT_MIN, 0.2, 0.2]);
    mem.k.adam(theta, g, m, v, 0, 0, n, 1, b1, b2, 0.01, 1e-7, 0);
    const mv = mem.floats(m, n);
    const vv = mem.floats(v, n);
    expect(mv[0]).toBe(0);
    expect(vv[1]).toBe(0);
    expect(mv[2]).toBeCloseTo(b1 * 0.1 + (1 - b1) * 0.5, 6);
    expect(vv[2]).toBeCloseTo(b2 * 0.2 + (1 - b2) * 0.25, 6);
    expect(Number.isNaN(mv[3])).toBe(true);
    expect(Number.isNaN(mem.floats(theta, n)[3])).toBe(true);
  });

  it('transpose: dst[c, r] = src[r, c] exactly, with padded strides, for square and tall matrices', () => {
    const mem = new KernelMemory();
    for (const [rows, cols] of [[4, 4], [128, 128], [12, 8]] as const) {
      const lds = cols + 4;
      const ldd = rows + 8;
      const src = mem.alloc(rows * lds);
      const dst = mem.alloc(cols * ldd);
      const values = Float32Array.from({ length: rows * lds }, (_, k) => k + 0.5);
      mem.f32.set(values, src / 4);
      mem.k.transpose(src, dst, rows, cols, lds * 4, ldd * 4);
      const out = mem.floats(dst, cols * ldd);
      let wrong = 0;
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (out[c * ldd + r] !== values[r * lds + c]) wrong++;
      expect(wrong, `${rows}×${cols}`).toBe(0);
      // the padding of dst is left alone
      expect(out[rows]).toBe(0);
    }
  });

  it('gatherRows copies table row idx[r] to output row r, leaving the rest of the row alone', () => {
    const mem = new KernelMemory();
    const [rows, width, ldo, n] = [10, 8, 20, 5];
    const table = mem.alloc(rows * width);
    mem.f32.set(Float32Array.from({ length: rows * width }, (_, k) => k + 1), table / 4);
    const picks = [3, 0, 9, 3, 7];
    const idx = mem.alloc(n);
    mem.i32.set(picks, idx / 4);
    const out = mem.alloc(n * ldo);
    mem.k.gatherRows(table, idx, out + 4 * 4, n, width * 4, ldo * 4); // into columns 4 … 11
    const got = mem.floats(out, n * ldo);
    for (let r = 0; r < n; r++) {
      expect(Array.from(got.subarray(r * ldo + 4, r * ldo + 12))).toEqual(Array.from({ length: width }, (_, c) => picks[r]! * width + c + 1));
      expect(got[r * ldo + 3]).toBe(0);
      expect(got[r * ldo + 12]).toBe(0);
    }
  });
});
