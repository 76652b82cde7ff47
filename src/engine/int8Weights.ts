/**
 * Symmetric 8-bit weights, one scale per output column, for model files a quarter the size of
 * float32 (the digits model's default: 175,680 weights are 351 KB in float16, over the 300 KB
 * the site allows for it; 8 bits make it 180 KB). For a weight matrix W (rows × columns, row-major;
 * a vector is one column):
 *
 *   s_j = max_i |W_ij| / 127,   q_ij = round(W_ij / s_j) ∈ [−127, 127],   Ŵ_ij = s_j q_ij,
 *
 * so |W_ij − Ŵ_ij| ≤ s_j / 2: every weight within half a step of its column's grid (about 0.4% of
 * the column's largest magnitude). A column per output unit keeps a unit with small weights from
 * being rounded to zero by a neighbour with large ones.
 */

/** Columns a weight of `shape` is scaled by: its last dimension for a matrix, one for a vector. */
export function int8Columns(shape: readonly number[]): number {
  return shape.length >= 2 ? shape[shape.length - 1]! : 1;
}

/** The scales s_j and the 8-bit values q of `values` (row-major, `columns` per row). */
export function quantizeInt8(values: Float32Array, columns: number): { scales: Float32Array; q: Int8Array } {
  const scales = new Float32Array(columns);
  for (let k = 0; k < values.length; k++) scales[k % columns] = Math.max(scales[k % columns]!, Math.abs(values[k]!));
  for (let j = 0; j < columns; j++) scales[j] = scales[j]! / 127;
  const q = new Int8Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const s = scales[k % columns]!;
    q[k] = s > 0 ? Math.max(-127, Math.min(127, Math.round(values[k]! / s))) : 0;
  }
  return { scales, q };
}

/** Ŵ = s_j q_ij. */
export function dequantizeInt8(q: Int8Array, scales: Float32Array): Float32Array {
  const columns = scales.length;
  return Float32Array.from(q, (v, k) => v * scales[k % columns]!);
}
