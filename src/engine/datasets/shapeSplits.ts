/**
 * The shapes image set's two fixed splits, drawn from the seeded generator (shapes.ts), so the
 * classifier script, the model, the worker and the tests all see the same images without a data
 * file: the training split (what the diffusion model and the shape classifier learn from) and the
 * held-out split (what samples are compared with). Both are balanced (the generator draws the
 * classes in turn) and then shuffled, as a real data set's rows are: a sample spread evenly over the
 * rows (frechetEnds.ts) must not land on one class because 6 divides its stride.
 */
import { makeRng } from '../rng';
import { makeShapes, type ShapeSet } from './shapes';

/** Size and seed of each split: 600 images of each of the six shapes to train on, 200 of each held out. */
export const SHAPES_TRAIN = { n: 3600, seed: 1 } as const;
export const SHAPES_HELD_OUT = { n: 1200, seed: 2 } as const;

/** The set's rows in a seeded random order (Fisher–Yates), pixels, labels and parameters together. */
export function shuffled(set: ShapeSet, seed: number): ShapeSet {
  const rng = makeRng(seed);
  const order = Array.from({ length: set.n }, (_, k) => k);
  for (let k = set.n - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [order[k], order[j]] = [order[j]!, order[k]!];
  }
  const points = new Float32Array(set.points.length);
  order.forEach((from, to) => points.set(set.points.subarray(from * set.dim, (from + 1) * set.dim), to * set.dim));
  return { ...set, points, labels: Uint8Array.from(order, (k) => set.labels[k]!), params: order.map((k) => set.params[k]!) };
}

let train: ShapeSet | null = null;
let heldOut: ShapeSet | null = null;

/** The training split (drawn once per thread, ~0.1 s). */
export function shapesTrain(): ShapeSet {
  return (train ??= shuffled(makeShapes(SHAPES_TRAIN.n, SHAPES_TRAIN.seed), SHAPES_TRAIN.seed + 100));
}

/** The held-out split: another seed, so no image is in both. */
export function shapesHeldOut(): ShapeSet {
  return (heldOut ??= shuffled(makeShapes(SHAPES_HELD_OUT.n, SHAPES_HELD_OUT.seed), SHAPES_HELD_OUT.seed + 100));
}
