import { describe, expect, it } from 'vitest';
import { expectInputError } from '../expectInputError';
import { DIGITS_HEADER_BYTES, decodeDigits, digitsHeldOut, digitsTrain } from './digits';
import { digitsBytes, loadDigits } from './digitsFixture';

/** Class counts of the UCI optdigits test set, as its documentation (optdigits.names) lists them. */
const UCI_CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

function histogram(labels: Uint8Array): number[] {
  const h = new Array<number>(10).fill(0);
  for (const c of labels) h[c]! += 1;
  return h;
}

describe('the 8×8 digits file', () => {
  const set = loadDigits();

  it('holds the 1,797 UCI images with the documented label histogram', () => {
    expect(set.n).toBe(1797);
    expect(set.dim).toBe(64);
    expect(histogram(set.labels)).toEqual(UCI_CLASS_COUNTS);
  });

  it('maps grey levels 0…16 to v/8 − 1 in [−1, 1], both ends used', () => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of set.points) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      expect(Number.isInteger((v + 1) * 8)).toBe(true);
    }
    expect([lo, hi]).toEqual([-1, 1]);
    // The first row of sklearn's digits.csv.gz begins 0,0,5,13,9,1,0,0 (a 0).
    expect(Array.from(set.points.subarray(0, 8))).toEqual([0, 0, 5, 13, 9, 1, 0, 0].map((v) => v / 8 - 1));
    expect(set.labels[0]).toBe(0);
  });

  it('splits into disjoint train and held-out sets, each class held out at round(20%)', () => {
    const train = digitsTrain(set);
    const test = digitsHeldOut(set);
    expect(train.n + test.n).toBe(1797);
    expect(test.n).toBe(UCI_CLASS_COUNTS.reduce((a, c) => a + Math.round(0.2 * c), 0));
    expect(histogram(test.labels)).toEqual(UCI_CLASS_COUNTS.map((c) => Math.round(0.2 * c)));
    expect(histogram(train.labels)).toEqual(UCI_CLASS_COUNTS.map((c) => c - Math.round(0.2 * c)));
    expect(train.points.length).toBe(train.n * 64);
    // No held-out image is also a training image at the same row: the rows partition the file.
    const rows = (keep: number) => Array.from(set.heldOut).flatMap((s, i) => (s === keep ? [i] : []));
    const firstTest = rows(1)[0]!;
    expect(Array.from(test.points.subarray(0, 64))).toEqual(Array.from(set.points.subarray(firstTest * 64, firstTest * 64 + 64)));
    expect(new Set([...rows(0), ...rows(1)]).size).toBe(1797);
  });

  it('refuses a truncated file, a wrong magic, a wrong version and an empty buffer, saying why', () => {
    const bytes = digitsBytes();
    expect(expectInputError(() => decodeDigits(bytes.slice(0, bytes.byteLength - 1)), 'digits file').message).toMatch(/118618 bytes long for 1797 images \(got 118617\)/);
    const wrongMagic = bytes.slice(0);
    new Uint8Array(wrongMagic).set([0x50, 0x4b, 0x03, 0x04]); // a zip file's signature
    expect(expectInputError(() => decodeDigits(wrongMagic), 'digits file').message).toMatch(/starting with "DGT8"/);
    const wrongVersion = bytes.slice(0);
    new DataView(wrongVersion).setUint16(4, 2, true);
    expect(expectInputError(() => decodeDigits(wrongVersion), 'digits file').message).toMatch(/version 1/);
    expect(expectInputError(() => decodeDigits(new ArrayBuffer(3)), 'digits file').message).toMatch(/header/);
    const badLevel = bytes.slice(0);
    new Uint8Array(badLevel)[DIGITS_HEADER_BYTES] = 17;
    expect(expectInputError(() => decodeDigits(badLevel), 'digits file').message).toMatch(/grey levels/);
  });
});
