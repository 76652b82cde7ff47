/**
 * How the output rows of a matrix product are dealt out to two threads: in chunks that each thread
 * claims in turn (./chunkClaims.ts), so that a thread that wakes late or is descheduled by the OS
 * leaves its share to the other instead of making it wait. Chunks shrink as the product goes on
 * (each a quarter of the rows left, "guided" scheduling), so the last ones are short and neither
 * thread waits long for the other's last chunk.
 */
import type { FixedGemmSpec } from './kernels';

/** The smallest chunk: one or two kernel tiles of rows. */
const MIN_CHUNK = 8;

const plans = new Map<number, Int32Array>();

/**
 * The first row of each chunk of an M-row product, then M: chunk k is rows plan[k] … plan[k+1] − 1.
 * Sizes are multiples of 8 (whole kernel tiles) but the last; both threads compute the same plan.
 */
export function chunkPlan(M: number): Int32Array {
  let plan = plans.get(M);
  if (!plan) {
    const starts = [0];
    for (let r = 0; r < M; ) {
      r = Math.min(M, r + Math.max(MIN_CHUNK, Math.ceil((M - r) / 4 / 8) * 8));
      starts.push(r);
    }
    plan = Int32Array.from(starts);
    plans.set(M, plan);
  }
  return plan;
}

/** How many chunks an M-row product has. */
export function chunkCount(M: number): number {
  return chunkPlan(M).length - 1;
}

/**
 * The byte pointers of rows r … of a product: row r of C, and of A, which is row r of A, or
 * column r when A is stored transposed (transA: A[i, k] at A + k·lda + 4i).
 */
export function rowPointers(spec: FixedGemmSpec, A: number, C: number, r: number): { A: number; C: number } {
  return { A: spec.transA ? A + 4 * r : A + r * spec.lda, C: C + r * spec.ldc };
}
