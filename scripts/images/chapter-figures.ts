/**
 * The figures chapter 8 quotes, measured on the shipped pretrained digits model through the worker's
 * own ImageModels (the code the page runs), under Node on WASM:
 *  - the digit yardstick on 1,000 samples (DDIM-50), with the real-vs-real and noise-vs-real ends;
 *  - the asked-for share at guidance weights w = 0 … 8 and the share of saturated pixels;
 *  - nearest-training distances of samples against held-out digits (eq. 8.4);
 *  - −ELBO in bits/dim (eq. 8.8) and the per-pixel denoising error of held-out digits, scribbles
 *    and nearly empty images.
 * Run: node scripts/images/figures.mjs
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeDigits, digitsHeldOut, digitsTrain, DIGIT_DIM } from '../../src/engine/datasets/digits';
import { decodeDigitClassifier } from '../../src/engine/images/classifier';
import { frechetEnds } from '../../src/engine/images/frechetEnds';
import { makeDigitYardstick, scoreDigits } from '../../src/engine/images/sampleQuality';
import { makeRng } from '../../src/engine/rng';
import { useTestBackend } from '../../src/engine/tf/testBackend';
import { ImageModels } from '../../src/worker/imageModels';
import { TrainingLoop } from '../../src/worker/trainingLoop';

const PUBLIC = resolve(import.meta.dirname, '../../public');
const bytes = (path: string): ArrayBuffer => {
  const b = readFileSync(resolve(PUBLIC, path));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const FILES: Record<string, string> = { digits: 'data/digits-8x8.bin', classifier: 'data/digit-classifier.bin', pretrained: 'pretrained/digits.bin' };

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
const sorted = (v: ArrayLike<number>): number[] => Array.from(v).sort((a, b) => a - b);
const five = (v: ArrayLike<number>): string => {
  const s = sorted(v);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
  return `min ${q(0).toFixed(2)}, median ${q(0.5).toFixed(2)}, max ${q(1).toFixed(2)}`;
};

export async function main(): Promise<number> {
  console.log(`backend ${await useTestBackend()}`);
  const loop = new TrainingLoop(() => {});
  const images = new ImageModels(() => {}, loop, async (file) => bytes(FILES[file]!));
  console.log('model', JSON.stringify(await images.status()));
  const set = decodeDigits(bytes(FILES.digits!));
  const train = digitsTrain(set);
  const heldOut = digitsHeldOut(set);
  const yardstick = makeDigitYardstick(decodeDigitClassifier(bytes(FILES.classifier!)), train, heldOut);

  // The yardstick, and its two ends: held-out vs training digits (real vs real), N(0, I) clipped.
  const n = 1000;
  const r = await images.sample(1, { n, seed: 1, w: 0, steps: 50, score: true, nearest: true });
  const s = r.score!;
  console.log(`samples (${n}, DDIM-50, w = 0, class drawn evenly): confident ${pct(s.confidentShare)} (held-out ${pct(s.heldOutConfidentShare)}), classes ${s.classesPresent}, evenness ${s.normalisedEntropy.toFixed(3)}, FID ${s.frechet.toFixed(2)}`);
  for (const size of [64, n]) {
    const ends = frechetEnds(yardstick, size);
    console.log(`Fréchet ends for ${size} images: real (training digits) ${ends.real.toFixed(2)}, noise ${ends.noise.toFixed(2)}`);
  }
  const noise = makeRng(99).normals(n * DIGIT_DIM).map((v) => Math.max(-1, Math.min(1, v)));
  const ns = scoreDigits(yardstick, noise);
  console.log(`noise N(0, I) clipped to [−1, 1] (${n}): confident ${pct(ns.confidentShare)}, classes ${ns.classesPresent}`);
  const g64 = await images.sample(1, { n: 64, seed: 8, w: 0, steps: 50, score: true });
  console.log(`the widget's grid (64, seed 8): confident ${pct(g64.score!.confidentShare)}, classes ${g64.score!.classesPresent}, FID ${g64.score!.frechet.toFixed(2)}`);
  const nearest = r.nearest!;
  const below = Array.from(nearest.distance).filter((d) => d < nearest.heldOutDistances[0]!).length;
  console.log(`nearest training image (eq. 8.4): samples ${five(nearest.distance)}; held-out ${five(nearest.heldOutDistances)}; samples closer than the closest held-out digit: ${below} of ${n}`);

  // Guidance: the asked-for share and the share of pixels at the ends of the range.
  for (const w of [0, 1, 2, 4, 8]) {
    let asked = 0;
    let saturated = 0;
    for (let c = 0; c < 10; c++) {
      const g = await images.sample(2, { n: 100, seed: 3, classLabel: c, w, steps: 50, score: true });
      asked += g.score!.askedShare / 10;
      saturated += g.pixels.filter((v) => Math.abs(v) > 0.99).length / g.pixels.length / 10;
    }
    console.log(`w = ${w}: asked-for digit ${pct(asked)} of 1,000; pixels within 0.01 of ±1: ${pct(saturated)}`);
  }
  const heldSat = heldOut.points.filter((v) => Math.abs(v) > 0.99).length / heldOut.points.length;
  console.log(`held-out digits: pixels within 0.01 of ±1: ${pct(heldSat)}`);

  // Likelihood: the reference (100 held-out digits) comes with every reply.
  const scribble = (seed: number): Float32Array => {
    const rng = makeRng(seed);
    return Float32Array.from({ length: DIGIT_DIM }, () => -1 + (2 * Math.floor(rng.uniform() * 17)) / 16);
  };
  const oneCell = new Float32Array(DIGIT_DIM).fill(-1);
  oneCell[27] = 1;
  const drawn = new Float32Array(3 * DIGIT_DIM);
  drawn.set(scribble(1), 0);
  drawn.set(oneCell, DIGIT_DIM);
  drawn.set(heldOut.points.subarray(0, DIGIT_DIM), 2 * DIGIT_DIM);
  const lik = await images.likelihood(1, drawn, 1);
  console.log(`held-out reference (${lik.reference.bitsPerDim.length}): bits/dim ${five(lik.reference.bitsPerDim)}; denoising error ${five(lik.reference.anomaly)}`);
  ['scribble (uniform random levels)', 'one inked cell', 'held-out digit 1'].forEach((name, k) => {
    const rank = (ref: number[], v: number): number => ref.filter((x) => x < v).length;
    console.log(`${name}: bits/dim ${lik.bitsPerDim[k]!.toFixed(2)} (above ${rank(lik.reference.bitsPerDim, lik.bitsPerDim[k]!)} of 100), error ${lik.anomaly[k]!.toFixed(3)} (above ${rank(lik.reference.anomaly, lik.anomaly[k]!)})`);
  });
  images.dispose();
  loop.dispose();
  return 0;
}
