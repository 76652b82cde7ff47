/**
 * Kernels that only move floats, as WebAssembly SIMD: the transpose the backward pass needs for
 * every hidden layer's weights each step (δ·Wᵀ; a JavaScript loop took ~45 µs for 128 × 128), and
 * the gather of the time embedding's rows into the training batch's features.
 */
import { FnBuilder, I32, OP, SIMD, V128 } from './wasmEmitter';

const mem = FnBuilder.mem;

/** i8x16.shuffle lanes picking the 32-bit lanes `lanes` of (a, b): 0–3 from a, 4–7 from b. */
function lanes32(...lanes: number[]): number[] {
  return lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]);
}

/**
 * transpose(src, dst, rows, cols, lds, ldd): dst[c, r] = src[r, c] for a rows × cols matrix (both
 * multiples of 4) with row strides lds and ldd in bytes; a 4 × 4 block at a time, in registers.
 */
export function transpose(): FnBuilder {
  const f = new FnBuilder([I32, I32, I32, I32, I32, I32]);
  const [src, dst, rows, cols, lds, ldd] = [0, 1, 2, 3, 4, 5];
  const i = f.local(I32);
  const j = f.local(I32);
  const p = f.local(I32);
  const q = f.local(I32);
  const r = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
  const t = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
  const shuffle = (a: number, b: number, ...l: number[]): FnBuilder => f.get(a).get(b).simd(SIMD.shuffle, ...lanes32(...l));
  f.i32(0).set(i);
  f.loop(() => {
    f.get(i).get(rows).op(OP.i32GeU).breakIf();
    f.i32(0).set(j);
    f.loop(() => {
      f.get(j).get(cols).op(OP.i32GeU).breakIf();
      // p = src + i·lds + 4j: four rows of the block
      f.get(src).get(i).get(lds).op(OP.i32Mul).op(OP.i32Add).get(j).i32(2).op(OP.i32Shl).op(OP.i32Add).set(p);
      for (let k = 0; k < 4; k++) {
        f.get(p).simd(SIMD.load, ...mem(2)).set(r[k]!);
        f.get(p).get(lds).op(OP.i32Add).set(p);
      }
      // interleave pairs of rows, then pairs of pairs: columns of the block become rows
      shuffle(r[0]!, r[1]!, 0, 4, 1, 5).set(t[0]!);
      shuffle(r[0]!, r[1]!, 2, 6, 3, 7).set(t[1]!);
      shuffle(r[2]!, r[3]!, 0, 4, 1, 5).set(t[2]!);
      shuffle(r[2]!, r[3]!, 2, 6, 3, 7).set(t[3]!);
      // q = dst + j·ldd + 4i
      f.get(dst).get(j).get(ldd).op(OP.i32Mul).op(OP.i32Add).get(i).i32(2).op(OP.i32Shl).op(OP.i32Add).set(q);
      for (const [a, b, l] of [[0, 2, [0, 1, 4, 5]], [0, 2, [2, 3, 6, 7]], [1, 3, [0, 1, 4, 5]], [1, 3, [2, 3, 6, 7]]] as const) {
        f.get(q);
        shuffle(t[a]!, t[b]!, ...l).simd(SIMD.store, ...mem(2));
        f.get(q).get(ldd).op(OP.i32Add).set(q);
      }
      f.get(j).i32(4).op(OP.i32Add).set(j);
    });
    f.get(i).i32(4).op(OP.i32Add).set(i);
  });
  return f;
}

/**
 * gatherRows(table, idx, out, n, bytes, ldo): for each of n rows, copies `bytes` (a multiple of 16)
 * from table row idx[r] (rows `bytes` apart; idx holds i32 row numbers) to out + r·ldo.
 */
export function gatherRows(): FnBuilder {
  const f = new FnBuilder([I32, I32, I32, I32, I32, I32]);
  const [table, idx, out, n, bytes, ldo] = [0, 1, 2, 3, 4, 5];
  const r = f.local(I32);
  const src = f.local(I32);
  const dst = f.local(I32);
  const k = f.local(I32);
  f.i32(0).set(r);
  f.loop(() => {
    f.get(r).get(n).op(OP.i32GeU).breakIf();
    // src = table + idx[r]·bytes, dst = out + r·ldo
    f.get(table).get(idx).get(r).i32(2).op(OP.i32Shl).op(OP.i32Add).op(OP.i32Load, ...mem(2)).get(bytes).op(OP.i32Mul).op(OP.i32Add).set(src);
    f.get(out).get(r).get(ldo).op(OP.i32Mul).op(OP.i32Add).set(dst);
    f.i32(0).set(k);
    f.loop(() => {
      f.get(k).get(bytes).op(OP.i32GeU).breakIf();
      f.get(dst).get(k).op(OP.i32Add);
      f.get(src).get(k).op(OP.i32Add).simd(SIMD.load, ...mem(2));
      f.simd(SIMD.store, ...mem(2));
      f.get(k).i32(16).op(OP.i32Add).set(k);
    });
    f.get(r).i32(1).op(OP.i32Add).set(r);
  });
  return f;
}
