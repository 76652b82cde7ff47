/**
 * `npm run pretrain -- --datasets=latent`: the two digit autoencoders of latent diffusion (issue 15),
 * latent sizes 2 and 8, trained exactly as scripts/latent/measure.ts trains them (the recipe of
 * src/engine/latent/latentRecipe.ts: seed 0, AUTOENCODER_STEPS Adam steps on the training split),
 * written as 8-bit model files public/pretrained/digit-autoencoder-d{2,8}.bin (36 KB each), which
 * the worker's latent model loads (src/worker/latentModel.ts). Prints each file's held-out
 * reconstruction error, as read back from its 8-bit weights.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeDigits, digitsHeldOut, digitsTrain } from '../../src/engine/datasets/digits';
import { decodeDigitClassifier } from '../../src/engine/images/classifier';
import { encodeAutoencoderFile, readAutoencoderFile } from '../../src/engine/latent/autoencoderFile';
import { AUTOENCODER_STEPS, AUTOENCODER_TRAINING, LATENT_DIMS, latentAutoencoderConfig } from '../../src/engine/latent/latentRecipe';
import { measureReconstruction } from '../../src/engine/latent/reconstruction';
import { Autoencoder, AutoencoderTrainer } from '../../src/engine/tf/autoencoder';

const DATA = resolve(import.meta.dirname, '../../public/data');
const bytes = (name: string): ArrayBuffer => {
  const b = readFileSync(resolve(DATA, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const SEED = 0;

/** Trains and writes both autoencoders into `out`. */
export async function pretrainLatent(out: string, steps = AUTOENCODER_STEPS): Promise<void> {
  const set = decodeDigits(bytes('digits-8x8.bin'));
  const train = digitsTrain(set);
  const heldOut = digitsHeldOut(set);
  const classifier = decodeDigitClassifier(bytes('digit-classifier.bin'));
  for (const d of LATENT_DIMS) {
    const t0 = performance.now();
    const ae = new Autoencoder(latentAutoencoderConfig(d), SEED);
    const trainer = new AutoencoderTrainer(ae, train.points, { ...AUTOENCODER_TRAINING, seed: SEED });
    trainer.train(steps);
    await trainer.readLoss();
    trainer.dispose();
    const file = encodeAutoencoderFile(ae.config, await ae.getWeights(), steps);
    const path = resolve(out, `digit-autoencoder-d${d}.bin`);
    writeFileSync(path, file);
    ae.setWeights(readAutoencoderFile(file, ae.config).weights);
    const r = await measureReconstruction(ae, heldOut, classifier);
    console.log(`latent d = ${d}: ${steps} steps in ${((performance.now() - t0) / 1000).toFixed(1)} s; wrote ${path} (${file.length} bytes); held-out MSE per pixel ${r.mse.toFixed(4)}, classifier accuracy on reconstructions ${(100 * r.accuracy).toFixed(1)}%`);
    ae.dispose();
  }
}
