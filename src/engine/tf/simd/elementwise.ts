/**
 * The element-wise kernels of the backward pass and the optimiser, and the sinusoidal input
 * embedding, generated as WebAssembly SIMD (4 floats per instruction).
 */
import { madd } from './gemm';
import { F32, FnBuilder, I32, OP, SIMD, V128 } from './wasmEmitter';

const mem = FnBuilder.mem;

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
export function reluGrad(): FnBuilder {
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
export function add(): FnBuilder {
  return elementwise([I32, I32, I32, I32], [], 3, () => undefined, (f, off) => {
    at(f, 2, off);
    at(f, 0, off).simd(SIMD.load, ...mem(2));
    at(f, 1, off).simd(SIMD.load, ...mem(2));
    f.simd(SIMD.f32x4Add).simd(SIMD.store, ...mem(2));
  });
}

/** sumSquares(x, n) → Σ x². */
export function sumSquares(relaxed: boolean): FnBuilder {
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
export function colSum(): FnBuilder {
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

/** The smallest normal float32. Below it (subnormals) x86 does arithmetic through a microcode assist costing ~100 cycles an instruction. */
const FLT_MIN = 1.1754943508222875e-38;

/**
 * x ← 0 where |x| < FLT_MIN, in the V128 local `x` (`tiny` holds FLT_MIN in each lane). NaN is
 * kept (its comparison is false), so a diverging step still shows.
 */
function flushSubnormals(f: FnBuilder, x: number, tiny: number): void {
  f.get(x).get(x).simd(SIMD.f32x4Abs).get(tiny).simd(SIMD.f32x4Lt).simd(SIMD.v128AndNot).set(x);
}

/**
 * adam(theta, g, m, v, ema, decay, n, gScale, b1, b2, stepSize, epsRoot, emaRate), all at once:
 * g ← gScale·g; m ← b1·m + (1 − b1)·g; v ← b2·v + (1 − b2)·g²; θ ← θ − stepSize·m/(√v + epsRoot);
 * θ ← θ − decay ⊙ θ (decay ≠ 0); ema ← ema + emaRate·(θ − ema) (ema ≠ 0). See ../packedAdam.ts.
 * m and v are flushed to 0 once below FLT_MIN: a parameter whose gradient stays 0 (a unit the ReLU
 * has switched off) sees m shrink by b1 every step into subnormals, and with a third of the
 * parameters there this kernel ran ~8× slower (1016 against 131 µs a step, measured in Node).
 * What the flush changes in θ is below stepSize·FLT_MIN/epsRoot, about 1e-34.
 */
export function adam(): FnBuilder {
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
    s.tiny = f.local(V128);
    f.f32(FLT_MIN).simd(SIMD.f32x4Splat).set(s.tiny);
    s.g = f.local(V128);
    s.m = f.local(V128);
    s.v = f.local(V128);
    s.th = f.local(V128);
  }, (f, off) => {
    const [theta, g, m, v, ema, decay] = [0, 1, 2, 3, 4, 5];
    at(f, g, off).simd(SIMD.load, ...mem(2)).get(s.gs!).simd(SIMD.f32x4Mul).set(s.g!);
    at(f, m, off).simd(SIMD.load, ...mem(2)).get(s.b1!).simd(SIMD.f32x4Mul).get(s.g!).get(s.ob1!).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add).set(s.m!);
    flushSubnormals(f, s.m!, s.tiny!);
    at(f, v, off).simd(SIMD.load, ...mem(2)).get(s.b2!).simd(SIMD.f32x4Mul).get(s.g!).get(s.g!).simd(SIMD.f32x4Mul).get(s.ob2!).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add).set(s.v!);
    flushSubnormals(f, s.v!, s.tiny!);
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
export function embed(): FnBuilder {
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

