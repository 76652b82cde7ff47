/**
 * How the output rows of a matrix product are dealt out to two threads: in chunks that each thread
 * claims in turn from the control block (./threadControl.ts), so that a thread that wakes late or is
 * descheduled by the OS leaves its share to the other instead of making it wait.
 */
import type { FixedGemmSpec } from './kernels';

/** Chunks a product is cut into: enough to even out a late start, few enough that claiming costs little. */
const TARGET_CHUNKS = 16;

/** Rows per chunk for an M-row product: a multiple of 8 (whole kernel tiles), at least 16. */
export function chunkRows(M: number): number {
  return Math.max(16, Math.ceil(M / TARGET_CHUNKS / 8) * 8);
}

/** How many chunks an M-row product has (at most TARGET_CHUNKS, so it fits the claim word's counter). */
export function chunkCount(M: number): number {
  return Math.ceil(M / chunkRows(M));
}

/**
 * The byte pointers of rows r … of a product: row r of C, and of A, which is row r of A, or
 * column r when A is stored transposed (transA: A[i, k] at A + k·lda + 4i).
 */
export function rowPointers(spec: FixedGemmSpec, A: number, C: number, r: number): { A: number; C: number } {
  return { A: spec.transA ? A + 4 * r : A + r * spec.lda, C: C + r * spec.ldc };
}
