/**
 * Measures upsampler recipes (src/engine/upsample/upsampleRecipe.ts) under Node on WASM: trains a
 * variant and prints, every --every steps, the mean condition error and pixel spread of k samples
 * for each of m held-out digits' 4×4 views, beside the random-digit baseline.
 *
 * Run: node scripts/upsample/run.mjs measure [--steps=4000] [--every=1000] [--prediction=eps|x0] [--width=256] [--lr=0.002]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeDigits, digitsHeldOut, digitsTrain, type DigitSet } from '../../src/engine/datasets/digits';
import { useTestBackend } from '../../src/engine/tf/testBackend';
import { measureUpsampler, randomDigitConditionError } from '../../src/engine/upsample/upsampleFigures';
import { buildUpsampleModel } from '../../src/engine/upsample/upsampleModel';

export const PUBLIC = resolve(import.meta.dirname, '../../public');

export function digitSet(): DigitSet {
  const bytes = readFileSync(resolve(PUBLIC, 'data/digits-8x8.bin'));
  return decodeDigits(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export async function main(argv: string[]): Promise<number> {
  const arg = (name: string, fallback: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
  const steps = Number(arg('steps', '4000'));
  const every = Number(arg('every', '1000'));
  const prediction = arg('prediction', 'x0') as 'eps' | 'x0';
  const width = Number(arg('width', '256'));
  const learningRate = Number(arg('lr', '0.002'));
  const m = 40;
  const k = 8;
  console.log(`backend ${await useTestBackend()}; prediction ${prediction}, width ${width}, lr ${learningRate}`);
  const set = digitSet();
  const heldOut = digitsHeldOut(set).points;
  console.log(`random-digit baseline (m = ${m}): condition error ${randomDigitConditionError(heldOut, m, 97).toFixed(4)}`);
  const model = buildUpsampleModel(digitsTrain(set).points, undefined, { net: { prediction, width }, trainer: { learningRate } });
  let trainMs = 0;
  for (let done = 0; done < steps; ) {
    const n = Math.min(every, steps - done);
    const t0 = performance.now();
    model.trainer.train(n);
    const { loss } = await model.trainer.readStats();
    trainMs += performance.now() - t0;
    done += n;
    const f = await measureUpsampler(model.trainer.sampler, model.schedule, heldOut, m, k, 3);
    console.log(`${done} steps (${((done / trainMs) * 1000).toFixed(0)} steps/s, ${(trainMs / 1000).toFixed(1)} s): loss ${loss.toFixed(4)}, condition error ${f.conditionError.toFixed(4)}, pixel spread ${f.pixelSpread.toFixed(4)}`);
  }
  model.dispose();
  return 0;
}
