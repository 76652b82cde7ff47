/**
 * `npm run pretrain`: trains the default model on every built-in 2D dataset, seeded, and writes
 * public/pretrained/<dataset>.bin (the weight average, float16, with its settings), so the page
 * can show a working reverse process the moment it opens. Prints each file's size and the
 * energy-distance ratio of 2000 DDIM samples against held-out data (N(0, I) scores 1).
 *
 * Options: --steps=N (default 1500), --datasets=twoMoons,rings (a subset).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DATASET_NAMES, makeDataset } from '../../src/engine/datasets';
import { energyDistance } from '../../src/engine/metrics';
import { encodeModelFile } from '../../src/engine/modelFile';
import { makeRng } from '../../src/engine/rng';
import { makeSchedule } from '../../src/engine/schedule';
import { Denoiser, resolveDenoiserConfig, sample, Trainer } from '../../src/engine/tf';
import { useTestBackend } from '../../src/engine/tf/testBackend';
import { sessionConfigFrom } from '../../src/state/sessionDefaults';
import { DEFAULT_SETTINGS } from '../../src/state/settingsTable';

const OUT = resolve(import.meta.dirname, '../../public/pretrained');

export async function main(argv: string[]): Promise<number> {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const steps = Number(value('steps') ?? 1500);
  const datasets = value('datasets')?.split(',') ?? [...DATASET_NAMES];
  const backend = await useTestBackend();
  mkdirSync(OUT, { recursive: true });
  console.log(`pretraining ${datasets.join(', ')} for ${steps} steps each on ${backend}`);
  for (const name of datasets) {
    if (!(DATASET_NAMES as readonly string[]).includes(name)) throw new Error(`unknown dataset ${name}`);
    const config = sessionConfigFrom({ ...DEFAULT_SETTINGS, dataset: name as (typeof DATASET_NAMES)[number] });
    const started = performance.now();
    const schedule = makeSchedule({ kind: config.schedule, T: config.T });
    const model = new Denoiser(resolveDenoiserConfig({ dim: 2, T: config.T, width: config.width, depth: config.depth, timeEmbedDim: config.timeEmbedDim, inputEmbedDim: config.inputEmbedDim, prediction: config.prediction }), config.seed);
    const data = makeDataset(config.dataset as (typeof DATASET_NAMES)[number], config.nPoints, config.seed).points;
    const trainer = new Trainer(model, schedule, data, { learningRate: config.learningRate, batchSize: config.batchSize, optimizer: config.optimizer, seed: config.seed });
    for (let done = 0; done < steps; done += 50) trainer.train(Math.min(50, steps - done));
    const { loss } = await trainer.readStats();
    const weights = await trainer.sampler.getWeights();
    const bytes = encodeModelFile({ config, step: steps, weights }, 'float16');
    writeFileSync(resolve(OUT, `${name}.bin`), bytes);
    const heldOut = makeDataset(config.dataset as (typeof DATASET_NAMES)[number], 2000, 99).points;
    const { points } = await sample(trainer.sampler, schedule, { method: 'ddim', n: 2000, steps: 50, eta: 0, variance: 'beta', spacing: 'trailing', seed: 3 });
    const ratio = energyDistance(points, heldOut, 2) / energyDistance(makeRng(98).normals(4000), heldOut, 2);
    console.log(`${name}: ${(bytes.length / 1024).toFixed(0)} KB, loss ${loss.toFixed(3)}, energy-distance ratio ${ratio.toFixed(3)}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    trainer.dispose();
    model.dispose();
  }
  console.log(`tensors left: ${tf.memory().numTensors}`);
  return 0;
}
