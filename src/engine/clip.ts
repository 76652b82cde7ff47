/** Clamps every value of `x` to [−c, c] in place and returns it (x̂_0 clipping, as in DDPM's sampler). */
export function clipInPlace<T extends Float32Array | Float64Array>(x: T, c: number): T {
  for (let k = 0; k < x.length; k++) x[k] = Math.min(c, Math.max(-c, x[k]!));
  return x;
}
