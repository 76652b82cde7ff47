/**
 * Hand-written WebAssembly SIMD kernels for the denoiser's hot loops on CPUs: a register-tiled
 * matrix product (4 rows × 8 columns of accumulators, fused bias / ReLU / accumulate epilogue),
 * and the few element-wise passes of the backward pass and of Adam. One call runs a whole
 * layer, where tfjs would run a handful of ops each with its own bookkeeping. Where the browser
 * has relaxed SIMD, the products use fused multiply-add (f32x4.relaxed_madd).
 *
 * All pointers are byte offsets into the one memory the kernels share; strides are in bytes.
 */
import { encodeModule, F32, FnBuilder, I32, OP, SIMD, V128 } from './wasmEmitter';

const mem = FnBuilder.mem;
const GT_U = 0x4b;
const PMAX = 0xeb;

export const GEMM_RELU = 1;
export const GEMM_ACCUMULATE = 2;

/** The tile's accumulate step: acc += a · b, fused when relaxed SIMD is there. */
function madd(f: FnBuilder, relaxed: boolean, a: number, b: number, acc: number): void {
  if (relaxed) f.get(a).get(b).get(acc).simd(SIMD.f32x4RelaxedMadd).set(acc);
  else f.get(acc).get(a).get(b).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add).set(acc);
}

/** Byte strides fixed when the kernel is generated (for one network's shapes), instead of passed in. */
export interface FixedStrides {
  lda: number;
  ldb: number;
  ldc: number;
}

/**
 * gemm(A, B, C, bias, M, N, K, lda, ldb, ldc, flags): C = A·B (+ bias row) (ReLU) (+ C), with
 * A[i,k] at A + i·lda + 4k, or at A + k·lda + 4i when `transA` (so Aᵀ needs no copy); B[k,j] at
 * B + k·ldb + 4j; N a multiple of 8; bias 0 for none. With `fixed` strides the signature drops
 * lda, ldb, ldc (gemm(A, B, C, bias, M, N, K, flags)), the row and k offsets become constants in
 * the instructions, and the k loop is unrolled `unroll` times.
 */
function gemm(relaxed: boolean, transA: boolean, fixed?: FixedStrides, unroll = 4, tileRows = 4): FnBuilder {
  const f = new FnBuilder(fixed ? [I32, I32, I32, I32, I32, I32, I32, I32] : [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [A, B, C, bias, M, N, K] = [0, 1, 2, 3, 4, 5, 6];
  const flags = fixed ? 7 : 10;
  const stride = (which: 'lda' | 'ldb' | 'ldc'): FnBuilder => (fixed ? f.i32(fixed[which]) : f.get({ lda: 7, ldb: 8, ldc: 9 }[which]));
  const U = fixed ? unroll : 1;
  const i = f.local(I32);
  const j = f.local(I32);
  const bP = f.local(I32);
  const bEnd = f.local(I32);
  const bEndU = f.local(I32);
  const cP = f.local(I32);
  const aP = Array.from({ length: tileRows }, () => f.local(I32));
  const acc = Array.from({ length: 2 * tileRows }, () => f.local(V128));
  const b0 = f.local(V128);
  const b1 = f.local(V128);
  const av = f.local(V128);
  /** One k step at unrolled position u (fixed strides) with MR rows. */
  const kStep = (MR: number, u: number): void => {
    const bOff = fixed ? u * fixed.ldb : 0;
    f.get(bP).simd(SIMD.load, ...mem(2, bOff)).set(b0);
    f.get(bP).simd(SIMD.load, ...mem(2, bOff + 16)).set(b1);
    for (let r = 0; r < MR; r++) {
      if (fixed) f.get(aP[0]!).simd(SIMD.load32Splat, ...mem(2, transA ? u * fixed.lda + 4 * r : r * fixed.lda + 4 * u)).set(av);
      else if (transA) f.get(aP[0]!).simd(SIMD.load32Splat, ...mem(2, 4 * r)).set(av);
      else f.get(aP[r]!).simd(SIMD.load32Splat, ...mem(2, 0)).set(av);
      madd(f, relaxed, av, b0, acc[2 * r]!);
      madd(f, relaxed, av, b1, acc[2 * r + 1]!);
    }
  };
  /** Push `steps` × a stride (a constant when fixed). */
  const scaled = (which: 'lda' | 'ldb', steps: number): void => {
    if (fixed) f.i32(steps * fixed[which]);
    else {
      stride(which);
      if (steps !== 1) f.i32(steps).op(OP.i32Mul);
    }
  };
  /** Advance the pointers by `steps` k steps. */
  const advance = (MR: number, steps: number): void => {
    if (transA) {
      f.get(aP[0]!);
      scaled('lda', steps);
      f.op(OP.i32Add).set(aP[0]!);
    } else {
      for (let r = 0; r < (fixed ? 1 : MR); r++) f.get(aP[r]!).i32(4 * steps).op(OP.i32Add).set(aP[r]!);
    }
    f.get(bP);
    scaled('ldb', steps);
    f.op(OP.i32Add).set(bP);
  };
  const tile = (MR: number): void => {
    for (let r = 0; r < MR; r++) {
      for (let c = 0; c < 2; c++) {
        f.get(bias).op(OP.if, V128).get(bias).get(j).i32(2).op(OP.i32Shl).op(OP.i32Add).simd(SIMD.load, ...mem(2, 16 * c)).op(OP.else).zero().op(OP.end).set(acc[2 * r + c]!);
      }
    }
    if (transA) f.get(A).get(i).i32(2).op(OP.i32Shl).op(OP.i32Add).set(aP[0]!);
    else {
      for (let r = 0; r < (fixed ? 1 : MR); r++) {
        f.get(A).get(i).i32(r).op(OP.i32Add);
        stride('lda').op(OP.i32Mul).op(OP.i32Add).set(aP[r]!);
      }
    }
    f.get(B).get(j).i32(2).op(OP.i32Shl).op(OP.i32Add).set(bP);
    f.get(bP).get(K);
    stride('ldb').op(OP.i32Mul).op(OP.i32Add).set(bEnd);
    if (U > 1) {
      f.get(bEnd);
      scaled('ldb', U - 1);
      f.op(OP.i32Sub).set(bEndU);
      f.loop(() => {
        // signed: bEndU may be below bP when K < U
        f.get(bP).get(bEndU).op(0x4e /* i32.ge_s */).breakIf();
        for (let u = 0; u < U; u++) kStep(MR, u);
        advance(MR, U);
      });
    }
    f.loop(() => {
      f.get(bP).get(bEnd).op(OP.i32GeU).breakIf();
      kStep(MR, 0);
      advance(MR, 1);
    });
    for (let r = 0; r < MR; r++) {
      f.get(C).get(i).i32(r).op(OP.i32Add);
      stride('ldc').op(OP.i32Mul).op(OP.i32Add).get(j).i32(2).op(OP.i32Shl).op(OP.i32Add).set(cP);
      for (let c = 0; c < 2; c++) {
        const a = acc[2 * r + c]!;
        f.get(flags).i32(GEMM_RELU).op(OP.i32And).op(OP.if, OP.void).zero().get(a).simd(PMAX).set(a).op(OP.end);
        f.get(flags).i32(GEMM_ACCUMULATE).op(OP.i32And).op(OP.if, OP.void).get(a).get(cP).simd(SIMD.load, ...mem(2, 16 * c)).simd(SIMD.f32x4Add).set(a).op(OP.end);
        f.get(cP).get(a).simd(SIMD.store, ...mem(2, 16 * c));
      }
    }
  };
  const rows = (MR: number): void => {
    f.loop(() => {
      // stop when fewer than MR rows are left: M − i < MR
      f.get(M).get(i).op(OP.i32Sub).i32(MR).op(OP.i32LtU).breakIf();
      f.i32(0).set(j);
      f.loop(() => {
        f.get(j).get(N).op(OP.i32GeU).breakIf();
        tile(MR);
        f.get(j).i32(8).op(OP.i32Add).set(j);
      });
      f.get(i).i32(MR).op(OP.i32Add).set(i);
    });
  };
  f.i32(0).set(i);
  rows(tileRows);
  if (tileRows > 4) rows(4);
  rows(1);
  return f;
}

/** dotRows(A, Bt, C, bias, M, N, K, lda, ldbt, ldc): C[i,c] = Σ_k A[i,k]·Bt[c,k] + bias[c], for a few outputs N; K a multiple of 4. */
function dotRows(relaxed: boolean): FnBuilder {
  const f = new FnBuilder([I32, I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [A, Bt, C, bias, M, N, K, lda, ldbt, ldc] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const i = f.local(I32);
  const c = f.local(I32);
  const aP = f.local(I32);
  const bP = f.local(I32);
  const aEnd = f.local(I32);
  const acc = f.local(V128);
  const cAddr = f.local(I32);
  f.i32(0).set(i);
  f.loop(() => {
    f.get(i).get(M).op(OP.i32GeU).breakIf();
    f.i32(0).set(c);
    f.loop(() => {
      f.get(c).get(N).op(OP.i32GeU).breakIf();
      f.get(A).get(i).get(lda).op(OP.i32Mul).op(OP.i32Add).set(aP);
      f.get(Bt).get(c).get(ldbt).op(OP.i32Mul).op(OP.i32Add).set(bP);
      f.get(aP).get(K).i32(2).op(OP.i32Shl).op(OP.i32Add).set(aEnd);
      f.zero().set(acc);
      f.loop(() => {
        f.get(aP).get(aEnd).op(OP.i32GeU).breakIf();
        const av = f.local(V128);
        const bv = f.local(V128);
        f.get(aP).simd(SIMD.load, ...mem(2, 0)).set(av);
        f.get(bP).simd(SIMD.load, ...mem(2, 0)).set(bv);
        madd(f, relaxed, av, bv, acc);
        f.get(aP).i32(16).op(OP.i32Add).set(aP);
        f.get(bP).i32(16).op(OP.i32Add).set(bP);
      });
      f.get(C).get(i).get(ldc).op(OP.i32Mul).op(OP.i32Add).get(c).i32(2).op(OP.i32Shl).op(OP.i32Add).set(cAddr);
      f.get(cAddr);
      for (let lane = 0; lane < 4; lane++) {
        f.get(acc).simd(SIMD.f32x4ExtractLane, lane);
        if (lane > 0) f.op(OP.f32Add);
      }
      f.get(bias).op(OP.if, F32).get(bias).get(c).i32(2).op(OP.i32Shl).op(OP.i32Add).op(OP.f32Load, ...mem(2, 0)).op(OP.else).f32(0).op(OP.end).op(OP.f32Add);
      f.op(OP.f32Store, ...mem(2, 0));
      f.get(c).i32(1).op(OP.i32Add).set(c);
    });
    f.get(i).i32(1).op(OP.i32Add).set(i);
  });
  return f;
}

/** An element-wise loop over n floats (n a multiple of 4): `body(offset)` with the byte offset on a local. */
function elementwise(params: Array<typeof I32 | typeof F32>, results: Array<typeof F32>, n: number, setup: (f: FnBuilder) => void, body: (f: FnBuilder, offset: number) => void, finish?: (f: FnBuilder) => void): FnBuilder {
  const f = new FnBuilder(params, results);
  const off = f.local(I32);
  const end = f.local(I32);
  setup(f);
  f.get(n).i32(2).op(OP.i32Shl).set(end);
  f.i32(0).set(off);
  f.loop(() => {
    f.get(off).get(end).op(OP.i32GeU).breakIf();
    body(f, off);
    f.get(off).i32(16).op(OP.i32Add).set(off);
  });
  finish?.(f);
  return f;
}

const at = (f: FnBuilder, ptr: number, off: number): FnBuilder => f.get(ptr).get(off).op(OP.i32Add);

/** reluGrad(g, a, out, n): out = g where a > 0, else 0 (the ReLU's derivative applied to g). */
function reluGrad(): FnBuilder {
  let zero = 0;
  return elementwise([I32, I32, I32, I32], [], 3, (f) => {
    zero = f.local(V128);
    f.zero().set(zero);
  }, (f, off) => {
    at(f, 2, off);
    at(f, 0, off).simd(SIMD.load, ...mem(2));
    at(f, 1, off).simd(SIMD.load, ...mem(2)).get(zero).simd(SIMD.f32x4Gt);
    f.simd(SIMD.v128And).simd(SIMD.store, ...mem(2));
  });
}

/** add(a, b, out, n): out = a + b. */
function add(): FnBuilder {
  return elementwise([I32, I32, I32, I32], [], 3, () => undefined, (f, off) => {
    at(f, 2, off);
    at(f, 0, off).simd(SIMD.load, ...mem(2));
    at(f, 1, off).simd(SIMD.load, ...mem(2));
    f.simd(SIMD.f32x4Add).simd(SIMD.store, ...mem(2));
  });
}

/** sumSquares(x, n) → Σ x². */
function sumSquares(relaxed: boolean): FnBuilder {
  let acc = 0;
  let v = 0;
  return elementwise([I32, I32], [F32], 1, (f) => {
    acc = f.local(V128);
    v = f.local(V128);
    f.zero().set(acc);
  }, (f, off) => {
    at(f, 0, off).simd(SIMD.load, ...mem(2)).set(v);
    madd(f, relaxed, v, v, acc);
  }, (f) => {
    for (let lane = 0; lane < 4; lane++) {
      f.get(acc).simd(SIMD.f32x4ExtractLane, lane);
      if (lane > 0) f.op(OP.f32Add);
    }
  });
}

/** colSum(A, out, M, N, lda): out[j] = Σ_i A[i,j], N a multiple of 4. */
function colSum(): FnBuilder {
  const f = new FnBuilder([I32, I32, I32, I32, I32]);
  const [A, out, M, N, lda] = [0, 1, 2, 3, 4];
  const j = f.local(I32);
  const p = f.local(I32);
  const end = f.local(I32);
  const acc = f.local(V128);
  f.i32(0).set(j);
  f.loop(() => {
    f.get(j).get(N).op(OP.i32GeU).breakIf();
    f.get(A).get(j).i32(2).op(OP.i32Shl).op(OP.i32Add).set(p);
    f.get(p).get(M).get(lda).op(OP.i32Mul).op(OP.i32Add).set(end);
    f.zero().set(acc);
    f.loop(() => {
      f.get(p).get(end).op(OP.i32GeU).breakIf();
      f.get(acc).get(p).simd(SIMD.load, ...mem(2)).simd(SIMD.f32x4Add).set(acc);
      f.get(p).get(lda).op(OP.i32Add).set(p);
    });
    f.get(out).get(j).i32(2).op(OP.i32Shl).op(OP.i32Add).get(acc).simd(SIMD.store, ...mem(2));
    f.get(j).i32(4).op(OP.i32Add).set(j);
  });
  return f;
}

/**
 * adam(theta, g, m, v, ema, decay, n, gScale, b1, b2, stepSize, epsRoot, emaRate), all at once:
 * g ← gScale·g; m ← b1·m + (1 − b1)·g; v ← b2·v + (1 − b2)·g²; θ ← θ − stepSize·m/(√v + epsRoot);
 * θ ← θ − decay ⊙ θ (decay ≠ 0); ema ← ema + emaRate·(θ − ema) (ema ≠ 0). See ../packedAdam.ts.
 */
function adam(): FnBuilder {
  const s: Record<string, number> = {};
  return elementwise([I32, I32, I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32], [], 6, (f) => {
    for (const [k, p] of [['gs', 7], ['b1', 8], ['b2', 9], ['step', 10], ['eps', 11], ['rate', 12]] as const) {
      s[k] = f.local(V128);
      f.get(p).simd(SIMD.f32x4Splat).set(s[k]!);
    }
    s.ob1 = f.local(V128);
    s.ob2 = f.local(V128);
    f.f32(1).simd(SIMD.f32x4Splat).get(s.b1!).simd(SIMD.f32x4Sub).set(s.ob1);
    f.f32(1).simd(SIMD.f32x4Splat).get(s.b2!).simd(SIMD.f32x4Sub).set(s.ob2);
    s.g = f.local(V128);
    s.m = f.local(V128);
    s.v = f.local(V128);
    s.th = f.local(V128);
  }, (f, off) => {
    const [theta, g, m, v, ema, decay] = [0, 1, 2, 3, 4, 5];
    at(f, g, off).simd(SIMD.load, ...mem(2)).get(s.gs!).simd(SIMD.f32x4Mul).set(s.g!);
    at(f, m, off).simd(SIMD.load, ...mem(2)).get(s.b1!).simd(SIMD.f32x4Mul).get(s.g!).get(s.ob1!).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add).set(s.m!);
    at(f, v, off).simd(SIMD.load, ...mem(2)).get(s.b2!).simd(SIMD.f32x4Mul).get(s.g!).get(s.g!).simd(SIMD.f32x4Mul).get(s.ob2!).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add).set(s.v!);
    at(f, m, off).get(s.m!).simd(SIMD.store, ...mem(2));
    at(f, v, off).get(s.v!).simd(SIMD.store, ...mem(2));
    at(f, theta, off).simd(SIMD.load, ...mem(2));
    f.get(s.m!).get(s.v!).simd(SIMD.f32x4Sqrt).get(s.eps!).simd(SIMD.f32x4Add).simd(SIMD.f32x4Div).get(s.step!).simd(SIMD.f32x4Mul);
    f.simd(SIMD.f32x4Sub).set(s.th!);
    f.get(decay).op(OP.if, OP.void);
    f.get(s.th!).get(s.th!);
    at(f, decay, off).simd(SIMD.load, ...mem(2)).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Sub).set(s.th!);
    f.op(OP.end);
    at(f, theta, off).get(s.th!).simd(SIMD.store, ...mem(2));
    f.get(ema).op(OP.if, OP.void);
    at(f, ema, off);
    at(f, ema, off).simd(SIMD.load, ...mem(2));
    f.get(s.th!);
    at(f, ema, off).simd(SIMD.load, ...mem(2)).simd(SIMD.f32x4Sub).get(s.rate!).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add);
    f.simd(SIMD.store, ...mem(2));
    f.op(OP.end);
  });
}

/**
 * embed(x, out, freqs, n, dim, half, scale, stride): for each of n rows (out rows `stride` floats
 * apart), the row's dim coordinates, then per coordinate [sin(x_c·scale·ω_k), cos(x_c·scale·ω_k)]
 * for the `half` frequencies ω at `freqs` (half a multiple of 4): the layout of Denoiser.features.
 * sin and cos come from Cody–Waite reduction by π/2 and Cephes' single-precision polynomials on
 * [−π/4, π/4] (absolute error about 1e-7 for the angles here, |a| below a few hundred).
 */
function embed(): FnBuilder {
  const f = new FnBuilder([I32, I32, I32, I32, I32, I32, F32, I32]);
  const [x, out, freqs, n, dim, half, scale, stride] = [0, 1, 2, 3, 4, 5, 6, 7];
  const r = f.local(I32);
  const c = f.local(I32);
  const k = f.local(I32);
  const row = f.local(I32);
  const p = f.local(I32);
  const xs = f.local(V128);
  const v = (): number => f.local(V128);
  const [a, qf, rr, z, sp, cp, q, swap, sinv, cosv] = [v(), v(), v(), v(), v(), v(), v(), v(), v(), v()];
  const splat = (v: number): FnBuilder => f.f32(v).simd(SIMD.f32x4Splat);
  const xAt = (): FnBuilder => f.get(x).get(r).get(dim).op(OP.i32Mul).get(c).op(OP.i32Add).i32(2).op(OP.i32Shl).op(OP.i32Add);
  const mul = (): FnBuilder => f.simd(SIMD.f32x4Mul);
  const addv = (): FnBuilder => f.simd(SIMD.f32x4Add);
  f.i32(0).set(r);
  f.loop(() => {
    f.get(r).get(n).op(OP.i32GeU).breakIf();
    f.get(out).get(r).get(stride).op(OP.i32Mul).i32(2).op(OP.i32Shl).op(OP.i32Add).set(row);
    // the raw coordinates
    f.i32(0).set(c);
    f.loop(() => {
      f.get(c).get(dim).op(OP.i32GeU).breakIf();
      f.get(row).get(c).i32(2).op(OP.i32Shl).op(OP.i32Add);
      xAt().op(OP.f32Load, ...mem(2, 0));
      f.op(OP.f32Store, ...mem(2, 0));
      f.get(c).i32(1).op(OP.i32Add).set(c);
    });
    f.get(row).get(dim).i32(2).op(OP.i32Shl).op(OP.i32Add).set(p);
    f.i32(0).set(c);
    f.loop(() => {
      f.get(c).get(dim).op(OP.i32GeU).breakIf();
      xAt().op(OP.f32Load, ...mem(2, 0)).get(scale).op(OP.f32Mul).simd(SIMD.f32x4Splat).set(xs);
      f.i32(0).set(k);
      f.loop(() => {
        f.get(k).get(half).op(OP.i32GeU).breakIf();
        f.get(xs).get(freqs).get(k).i32(2).op(OP.i32Shl).op(OP.i32Add).simd(SIMD.load, ...mem(2, 0)).simd(SIMD.f32x4Mul).set(a);
        // a = q·π/2 + r with |r| ≤ π/4
        f.get(a);
        splat(2 / Math.PI);
        mul().simd(SIMD.f32x4Nearest).set(qf);
        f.get(a).get(qf);
        splat(1.5703125);
        mul().simd(SIMD.f32x4Sub).get(qf);
        splat(4.837512969970703125e-4);
        mul().simd(SIMD.f32x4Sub).get(qf);
        splat(7.54978995489188216e-8);
        mul().simd(SIMD.f32x4Sub).set(rr);
        f.get(qf).simd(SIMD.i32x4TruncSatF32x4S).set(q);
        f.get(rr).get(rr).simd(SIMD.f32x4Mul).set(z);
        // sin r ≈ r + r z ((−1.9515295891e-4 z + 8.3321608736e-3) z − 1.6666654611e-1)
        splat(-1.9515295891e-4);
        f.get(z);
        mul();
        splat(8.3321608736e-3);
        addv().get(z);
        mul();
        splat(-1.6666654611e-1);
        addv().get(z);
        mul().get(rr);
        mul().get(rr);
        addv().set(sp);
        // cos r ≈ 1 − z/2 + z² ((2.443315711809948e-5 z − 1.388731625493765e-3) z + 4.166664568298827e-2)
        splat(2.443315711809948e-5);
        f.get(z);
        mul();
        splat(-1.388731625493765e-3);
        addv().get(z);
        mul();
        splat(4.166664568298827e-2);
        addv().get(z);
        mul().get(z);
        mul();
        splat(1);
        addv().get(z);
        splat(0.5);
        mul().simd(SIMD.f32x4Sub).set(cp);
        // quadrant: odd q swaps sin and cos; bit 1 of q (of q + 1 for cos) flips the sign
        f.get(q).i32(1).simd(SIMD.i32x4Splat).simd(SIMD.v128And).i32(1).simd(SIMD.i32x4Splat).simd(SIMD.i32x4Eq).set(swap);
        f.get(cp).get(sp).get(swap).simd(SIMD.v128Bitselect);
        f.get(q).i32(2).simd(SIMD.i32x4Splat).simd(SIMD.v128And).i32(30).simd(SIMD.i32x4Shl).simd(SIMD.v128Xor).set(sinv);
        f.get(sp).get(cp).get(swap).simd(SIMD.v128Bitselect);
        f.get(q).i32(1).simd(SIMD.i32x4Splat).simd(SIMD.i32x4Add).i32(2).simd(SIMD.i32x4Splat).simd(SIMD.v128And).i32(30).simd(SIMD.i32x4Shl).simd(SIMD.v128Xor).set(cosv);
        f.get(p).get(k).i32(2).op(OP.i32Shl).op(OP.i32Add).get(sinv).simd(SIMD.store, ...mem(2, 0));
        f.get(p).get(half).get(k).op(OP.i32Add).i32(2).op(OP.i32Shl).op(OP.i32Add).get(cosv).simd(SIMD.store, ...mem(2, 0));
        f.get(k).i32(4).op(OP.i32Add).set(k);
      });
      f.get(p).get(half).i32(3).op(OP.i32Shl).op(OP.i32Add).set(p);
      f.get(c).i32(1).op(OP.i32Add).set(c);
    });
    f.get(r).i32(1).op(OP.i32Add).set(r);
  });
  return f;
}

export interface KernelExports {
  embed(x: number, out: number, freqs: number, n: number, dim: number, half: number, scale: number, stride: number): void;
  gemm(A: number, B: number, C: number, bias: number, M: number, N: number, K: number, lda: number, ldb: number, ldc: number, flags: number): void;
  gemmTA(A: number, B: number, C: number, bias: number, M: number, N: number, K: number, lda: number, ldb: number, ldc: number, flags: number): void;
  dotRows(A: number, Bt: number, C: number, bias: number, M: number, N: number, K: number, lda: number, ldbt: number, ldc: number): void;
  reluGrad(g: number, a: number, out: number, n: number): void;
  add(a: number, b: number, out: number, n: number): void;
  sumSquares(x: number, n: number): number;
  colSum(A: number, out: number, M: number, N: number, lda: number): void;
  adam(theta: number, g: number, m: number, v: number, ema: number, decay: number, n: number, gScale: number, b1: number, b2: number, stepSize: number, epsRoot: number, emaRate: number): void;
}

function moduleBytes(relaxed: boolean): Uint8Array<ArrayBuffer> {
  return encodeModule([
    ['gemm', gemm(relaxed, false)],
    ['gemmTA', gemm(relaxed, true)],
    ['dotRows', dotRows(relaxed)],
    ['reluGrad', reluGrad()],
    ['add', add()],
    ['sumSquares', sumSquares(relaxed)],
    ['colSum', colSum()],
    ['adam', adam()],
    ['embed', embed()],
  ]);
}

let compiled: { module: WebAssembly.Module; relaxed: boolean } | null | undefined;

/** The compiled kernels (relaxed SIMD where supported), or null where WebAssembly SIMD is missing. */
export function simdKernels(): { module: WebAssembly.Module; relaxed: boolean } | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (typeof WebAssembly === 'undefined') return compiled;
  for (const relaxed of [true, false]) {
    const bytes = moduleBytes(relaxed);
    if (WebAssembly.validate(bytes)) {
      compiled = { module: new WebAssembly.Module(bytes), relaxed };
      break;
    }
  }
  return compiled;
}

/** gemm with strides fixed at generation (see `gemm`): C = A·B (+ bias) (ReLU) (+ C). */
export type FixedGemm = (A: number, B: number, C: number, bias: number, M: number, N: number, K: number, flags: number) => void;

export type FixedGemmSpec = FixedStrides & { transA: boolean; unroll?: number; tileRows?: number };

const fixedModules = new Map<string, WebAssembly.Module>();

/** A module of gemm kernels specialised to the given strides (compiled once per set of shapes). */
function fixedGemmModule(relaxed: boolean, specs: Record<string, FixedGemmSpec>): WebAssembly.Module {
  const key = JSON.stringify([relaxed, specs]);
  let module = fixedModules.get(key);
  if (!module) {
    module = new WebAssembly.Module(encodeModule(Object.entries(specs).map(([name, spec]) => [name, gemm(relaxed, spec.transA, spec, spec.unroll, spec.tileRows)])));
    fixedModules.set(key, module);
  }
  return module;
}

/** How a fixed-stride product is unrolled and tiled; which is fastest depends on the engine's compiler. */
export interface Tiling {
  unroll: number;
  tileRows: number;
}

const TILINGS: Tiling[] = [{ unroll: 1, tileRows: 4 }, { unroll: 4, tileRows: 4 }, { unroll: 4, tileRows: 6 }];
let chosenTiling: Tiling | null = null;

/**
 * The tiling that runs a 256 × 128 × 128 product fastest here, timed once per page (best of a few
 * runs each, a few milliseconds in all): V8 versions differ in how well they compile unrolled
 * loops, so this is measured rather than assumed.
 */
export function fastestTiling(mem: KernelMemory): Tiling {
  if (chosenTiling) return chosenTiling;
  const [M, K, N] = [256, 128, 128];
  const a = mem.alloc(M * K);
  const b = mem.alloc(K * N);
  const c = mem.alloc(M * N);
  let best = { tiling: TILINGS[0]!, ms: Number.POSITIVE_INFINITY };
  for (const tiling of TILINGS) {
    const { g } = mem.fixedGemms({ g: { transA: false, lda: K * 4, ldb: N * 4, ldc: N * 4, ...tiling } });
    g(a, b, c, 0, M, N, K, GEMM_RELU);
    for (let trial = 0; trial < 5; trial++) {
      const t0 = performance.now();
      for (let r = 0; r < 4; r++) g(a, b, c, 0, M, N, K, GEMM_RELU);
      const ms = (performance.now() - t0) / 4;
      if (ms < best.ms) best = { tiling, ms };
    }
  }
  chosenTiling = best.tiling;
  return chosenTiling;
}

/** Kernels bound to a growable memory, with a bump allocator for the buffers a model needs. */
export class KernelMemory {
  readonly k: KernelExports;
  readonly relaxed: boolean;
  private readonly memory: WebAssembly.Memory;
  private top = 64;
  private view: Float32Array;

  constructor() {
    const kernels = simdKernels();
    if (!kernels) throw new Error('WebAssembly SIMD is not available');
    this.memory = new WebAssembly.Memory({ initial: 16 });
    this.k = new WebAssembly.Instance(kernels.module, { env: { mem: this.memory } }).exports as unknown as KernelExports;
    this.relaxed = kernels.relaxed;
    this.view = new Float32Array(this.memory.buffer);
  }

  /** gemm kernels specialised to fixed strides, working on this memory. */
  fixedGemms<T extends string>(specs: Record<T, FixedGemmSpec>): Record<T, FixedGemm> {
    const instance = new WebAssembly.Instance(fixedGemmModule(this.relaxed, specs), { env: { mem: this.memory } });
    return instance.exports as unknown as Record<T, FixedGemm>;
  }

  /** Reserves room for n floats (16-byte aligned, zero-filled); returns the byte offset. */
  alloc(n: number): number {
    const ptr = this.top;
    this.top += Math.ceil(n / 4) * 16;
    const need = Math.ceil(this.top / 65536) - this.memory.buffer.byteLength / 65536;
    if (need > 0) {
      this.memory.grow(need);
      this.view = new Float32Array(this.memory.buffer);
    }
    this.f32.fill(0, ptr / 4, this.top / 4);
    return ptr;
  }

  /** All of memory as floats (re-read after any alloc: growing replaces the buffer). */
  get f32(): Float32Array {
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }

  /** A view of n floats at byte offset ptr. */
  floats(ptr: number, n: number): Float32Array {
    return this.f32.subarray(ptr / 4, ptr / 4 + n);
  }
}
