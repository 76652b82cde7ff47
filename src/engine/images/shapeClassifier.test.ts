import { describe, expect, it } from 'vitest';
import { SHAPE_CLASSES } from '../datasets/shapes';
import { shapesHeldOut, shapesTrain } from '../datasets/shapeSplits';
import { makeRng } from '../rng';
import { classifyImages } from './classifier';
import { loadClassifier, torchReport } from './classifierFixture';
import { frechetEnds } from './frechetEnds';
import { makeYardstick, passesBar, scoreSamples } from './sampleQuality';

const net = loadClassifier('shape');
const torch = torchReport('shape');
const train = shapesTrain();
const heldOut = shapesHeldOut();
const yardstick = makeYardstick(net, train, heldOut);
const DIM = 256;

describe('the fixed shape classifier (TypeScript forward pass of the PyTorch-trained MLP)', () => {
  it('is 256 → 64 → 6, one output per shape word', () => {
    expect([net.inputs, net.hidden, net.classes]).toEqual([DIM, 64, SHAPE_CLASSES.length]);
  });

  it('scores the held-out shapes exactly as torch did (the same images, drawn by the engine), at least 95% right', () => {
    const out = classifyImages(net, heldOut.points);
    const correct = out.predicted.reduce((a, p, i) => a + (p === heldOut.labels[i] ? 1 : 0), 0);
    expect(heldOut.n).toBe(torch.heldOutCount);
    expect(Array.from(out.predicted)).toEqual(torch.heldOutPredictions);
    expect(correct).toBe(torch.heldOutCorrect);
    expect(correct / heldOut.n).toBeGreaterThanOrEqual(0.95);
    torch.firstHeldOutProbabilities.forEach((row, r) => row.forEach((p, c) => expect(out.probs[r * 6 + c]).toBeCloseTo(p, 5)));
    expect(yardstick.heldOutConfidentShare).toBeCloseTo(torch.heldOutConfidentShare, 6);
  });
});

describe('the yardstick on shapes: six classes, its own classifier', () => {
  const N = 600;
  it('passes real shapes (held-out: new images of the generator), asked-for labels included', () => {
    const real = scoreSamples(yardstick, heldOut.points, heldOut.labels);
    expect(real.classesPresent).toBe(6);
    expect(real.normalisedEntropy).toBeGreaterThan(0.99); // balanced: 200 of each
    expect(real.askedShare).toBe(torch.heldOutAccuracy);
    expect(real.nearestRatio).toBe(1);
    expect(real.copiedShare).toBe(0);
    expect(passesBar(real, yardstick)).toBe(true);
  });

  it('fails noise, and the Fréchet ends are far apart (real ≪ noise)', () => {
    const rng = makeRng(3);
    const noise = Float32Array.from({ length: N * DIM }, () => Math.max(-1, Math.min(1, rng.normal())));
    const s = scoreSamples(yardstick, noise);
    expect(passesBar(s, yardstick)).toBe(false);
    const ends = frechetEnds(yardstick, N);
    expect(ends.noise).toBeGreaterThan(10 * ends.real);
    expect(s.frechet).toBeGreaterThan(10 * ends.real);
  });

  it('fails a collapsed model that draws only rings, and samples of the wrong class', () => {
    const rings: number[] = [];
    for (let r = 0; r < train.n; r++) if (train.labels[r] === 4) rings.push(...train.points.subarray(r * DIM, (r + 1) * DIM));
    const s = scoreSamples(yardstick, Float32Array.from(rings));
    expect(s.classesPresent).toBeLessThanOrEqual(2);
    expect(passesBar(s, yardstick)).toBe(false);
    const wrong = scoreSamples(yardstick, heldOut.points, heldOut.labels.map((c) => (c + 1) % 6));
    expect(passesBar(wrong, yardstick)).toBe(false);
  });

  it('refuses a split whose size does not fit the classifier', () => {
    expect(() => makeYardstick(loadClassifier('digit'), train, heldOut)).toThrow(/64 pixels and 10 classes/);
  });
});
