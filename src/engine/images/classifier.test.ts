import { describe, expect, it } from 'vitest';
import { digitsHeldOut } from '../datasets/digits';
import { loadDigits } from '../datasets/digitsFixture';
import { expectInputError } from '../expectInputError';
import { classifyDigits, decodeDigitClassifier } from './classifier';
import { classifierBytes, loadClassifier, torchReport } from './classifierFixture';

describe('the fixed digit classifier (TypeScript forward pass of the PyTorch-trained MLP)', () => {
  const net = loadClassifier();
  const test = digitsHeldOut(loadDigits());
  const torch = torchReport();
  const out = classifyDigits(net, test.points);

  it('is 64 → 64 → 10', () => {
    expect([net.inputs, net.hidden, net.classes]).toEqual([64, 64, 10]);
  });

  it('scores the held-out split exactly as torch did, and at least 95% right', () => {
    const correct = out.predicted.reduce((a, p, i) => a + (p === test.labels[i] ? 1 : 0), 0);
    expect(test.n).toBe(torch.heldOutCount);
    expect(correct).toBe(torch.heldOutCorrect);
    expect(correct / test.n).toBe(torch.heldOutAccuracy);
    expect(Array.from(out.predicted)).toEqual(torch.heldOutPredictions);
    expect(correct / test.n).toBeGreaterThanOrEqual(0.95);
    torch.firstHeldOutProbabilities.forEach((row, r) => row.forEach((p, c) => expect(out.probs[r * 10 + c]).toBeCloseTo(p, 5)));
    const confident = out.confidence.reduce((a, c) => a + (c >= 0.8 ? 1 : 0), 0) / test.n;
    expect(confident).toBeCloseTo(torch.heldOutConfidentShare, 6);
  });

  it('returns probabilities that sum to 1, the confidence as their max, and non-negative hidden features', () => {
    for (let r = 0; r < out.n; r++) {
      const row = out.probs.subarray(r * 10, r * 10 + 10);
      expect(row.reduce((a, p) => a + p, 0)).toBeCloseTo(1, 5);
      expect(out.confidence[r]).toBeCloseTo(Math.max(...row), 6);
      expect(row[out.predicted[r]!]).toBe(Math.max(...row));
    }
    expect(out.features.length).toBe(test.n * 64);
    expect(out.features.every((v) => v >= 0)).toBe(true);
    expect(out.features.some((v) => v > 0)).toBe(true);
  });

  it('refuses a truncated file and a foreign one', () => {
    const bytes = classifierBytes();
    expectInputError(() => decodeDigitClassifier(bytes.slice(0, bytes.byteLength - 4)), 'classifier file');
    const foreign = bytes.slice(0);
    new Uint8Array(foreign).set([0x44, 0x47, 0x54, 0x38]); // "DGT8": the digits file's magic
    expect(expectInputError(() => decodeDigitClassifier(foreign), 'classifier file').message).toMatch(/"DCLF"/);
    expectInputError(() => classifyDigits(net, new Float32Array(65)), 'images');
  });
});
