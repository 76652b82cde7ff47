/**
 * The matrix-product kernels, generated as WebAssembly SIMD: a register-tiled product (tileRows
 * rows × 8 columns of accumulators, 4 or 6 rows) with a fused bias / ReLU / accumulate / residual
 * epilogue, optionally with its strides built into the code, and a dot-product kernel for the
 * few-column output layer. Pointers are byte offsets into the shared memory; strides are in bytes.
 */
import { F32, FnBuilder, I32, OP, SIMD, V128 } from './wasmEmitter';

const mem = FnBuilder.mem;
const PMAX = 0xeb;

export const GEMM_RELU = 1;
export const GEMM_ACCUMULATE = 2;
/** Adds A's own row (A square, not transposed): a residual block h + relu(h W + b) in one pass. */
export const GEMM_RESIDUAL = 4;

/** The tile's accumulate step: acc += a · b, fused when relaxed SIMD is there. */
export function madd(f: FnBuilder, relaxed: boolean, a: number, b: number, acc: number): void {
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
export function gemm(relaxed: boolean, transA: boolean, fixed?: FixedStrides, unroll = 4, tileRows = 4): FnBuilder {
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
        if (!transA) {
          f.get(flags).i32(GEMM_RESIDUAL).op(OP.i32And).op(OP.if, OP.void).get(a);
          f.get(A).get(i).i32(r).op(OP.i32Add);
          stride('lda').op(OP.i32Mul).op(OP.i32Add).get(j).i32(2).op(OP.i32Shl).op(OP.i32Add);
          f.simd(SIMD.load, ...mem(2, 16 * c)).simd(SIMD.f32x4Add).set(a).op(OP.end);
        }
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
export function dotRows(relaxed: boolean): FnBuilder {
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

