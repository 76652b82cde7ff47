import { describe, expect, it } from 'vitest';
import { decodeModelFile, encodeModelFile, ModelFileError, type ModelFile } from './modelFile';

const model: ModelFile = {
  config: { dataset: 'twoMoons', T: 1000, width: 4 },
  step: 1234,
  savedAt: '2026-11-22T08:00:00.000Z',
  weights: [
    { name: 'dense0/kernel', shape: [2, 3], values: Float32Array.from([0.1, -0.2, 0.3, 1e-4, -5, 65]) },
    { name: 'dense0/bias', shape: [3], values: Float32Array.from([0, 1, -1]) },
  ],
};

describe('model file', () => {
  it('float32 round-trips exactly: settings, step and every value', () => {
    const back = decodeModelFile(encodeModelFile(model, 'float32'));
    expect(back.config).toEqual(model.config);
    expect(back.step).toBe(1234);
    expect(back.savedAt).toBe(model.savedAt);
    expect(back.weights.map((w) => [w.name, w.shape])).toEqual(model.weights.map((w) => [w.name, w.shape]));
    back.weights.forEach((w, k) => expect(Array.from(w.values)).toEqual(Array.from(model.weights[k]!.values)));
  });

  it('float16 is about half the size and within relative 2^-11 of each value', () => {
    const f32 = encodeModelFile(model, 'float32');
    const f16 = encodeModelFile(model, 'float16');
    expect(f16.length).toBeLessThan(f32.length);
    const back = decodeModelFile(f16);
    back.weights.forEach((w, k) =>
      w.values.forEach((v, j) => {
        const want = model.weights[k]!.values[j]!;
        expect(Math.abs(v - want)).toBeLessThanOrEqual(Math.abs(want) * 2 ** -11 + 2 ** -24);
      }),
    );
  });

  it('says what is wrong with a file that is not a model, truncated, corrupt or from another version', () => {
    const good = encodeModelFile(model);
    const expectError = (bytes: Uint8Array, message: RegExp) => {
      expect(() => decodeModelFile(bytes)).toThrow(ModelFileError);
      expect(() => decodeModelFile(bytes)).toThrow(message);
    };
    expectError(new TextEncoder().encode('{"weights": []}'), /not a Diffusion Playground model file/);
    expectError(good.slice(0, good.length - 4), /truncated/);
    const extra = new Uint8Array(good.length + 4);
    extra.set(good);
    expectError(extra, /left over/);
    const bad = good.slice();
    bad[10] = 0xff; // inside the header JSON
    expectError(bad, /header/);
    const v3 = encodeModelFile(model);
    const text = new TextDecoder().decode(v3);
    const at = text.indexOf('"version":2');
    v3[at + 10] = '3'.charCodeAt(0);
    expectError(v3, /version 3; this playground reads versions 1 to 2/);
    const nan = encodeModelFile({ ...model, weights: [{ name: 'w', shape: [1], values: Float32Array.from([Number.NaN]) }] });
    expectError(nan, /not finite/);
  });
  it('a version written as text is refused saying which type was expected (issue 16, item 11)', () => {
    const good = encodeModelFile(model);
    const view = new DataView(good.buffer);
    const length = view.getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(good.subarray(8, 8 + length))) as Record<string, unknown>;
    const weights = good.subarray(Math.ceil((8 + length) / 4) * 4);
    const withVersion = (version: unknown): Uint8Array => {
      const json = new TextEncoder().encode(JSON.stringify({ ...header, version }));
      const start = Math.ceil((8 + json.length) / 4) * 4;
      const out = new Uint8Array(start + weights.length);
      out.set(good.subarray(0, 4));
      new DataView(out.buffer).setUint32(4, json.length, true);
      out.set(json, 8);
      out.set(weights, start);
      return out;
    };
    expect(() => decodeModelFile(withVersion(1))).not.toThrow();
    expect(() => decodeModelFile(withVersion(2))).not.toThrow();
    expect(() => decodeModelFile(withVersion('1'))).toThrow('The model file has version "1" (a string, not a number); this playground reads versions 1 to 2, written as numbers.');
    expect(() => decodeModelFile(withVersion(undefined))).toThrow(/has no version/);
    expect(() => decodeModelFile(withVersion(3))).toThrow(/has version 3; this playground reads versions 1 to 2/);
    expect(() => decodeModelFile(withVersion(0))).toThrow(/has version 0; this playground reads versions 1 to 2/);
    expect(() => decodeModelFile(withVersion(1.5))).toThrow(/has version 1.5; this playground reads versions 1 to 2/);
  });
});
