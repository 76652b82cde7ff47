/**
 * Seeded pseudo-random numbers. Every random draw in the engine (datasets, noise, timesteps)
 * goes through an `Rng`, so the same seed gives the same datasets and the same noise on any
 * machine. The generator is sfc32 (a small, fast, well-tested 128-bit state PRNG) seeded
 * through splitmix32; normals use the Box–Muller transform with both outputs kept.
 */
export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** `n` standard normals in a new Float32Array. */
  normals(n: number): Float32Array;
  /** A 32-bit unsigned integer, for seeding another generator. */
  nextSeed(): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A new generator; `seed` may be any finite number (it is reduced to 32 bits). */
export function makeRng(seed: number): Rng {
  const mix = splitmix32(Math.floor(Math.abs(seed)) ^ (seed < 0 ? 0x5bd1e995 : 0));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next32();

  const uniform = (): number => next32() / 4294967296;
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    // 1 - u keeps the logarithm's argument in (0, 1].
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
  return {
    uniform,
    normal,
    int: (n) => Math.floor(uniform() * n),
    normals: (n) => {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = normal();
      return out;
    },
    nextSeed: next32,
  };
}
