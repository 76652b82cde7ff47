/** The recipe's autoencoder for a latent of size d, trained on the given digits (seeded). */
import type { LabelledImages } from '../datasets/digits';
import { Autoencoder, AutoencoderTrainer, type AutoencoderTraining } from '../tf/autoencoder';
import { AUTOENCODER_STEPS, AUTOENCODER_TRAINING, latentAutoencoderConfig } from './latentRecipe';

export interface TrainedAutoencoder {
  ae: Autoencoder;
  /** Mean training loss over the last steps (the last tenth, at least one step). */
  loss: number;
  steps: number;
}

/** Builds the recipe's autoencoder (seed) and trains it `steps` Adam steps on `train`. */
export async function trainDigitAutoencoder(train: LabelledImages, d: number, seed: number, steps = AUTOENCODER_STEPS, overrides: Partial<AutoencoderTraining> = {}): Promise<TrainedAutoencoder> {
  const ae = new Autoencoder(latentAutoencoderConfig(d), seed);
  const trainer = new AutoencoderTrainer(ae, train.points, { ...AUTOENCODER_TRAINING, ...overrides, seed });
  const tail = Math.max(1, Math.floor(steps / 10));
  trainer.train(steps - tail);
  await trainer.readLoss();
  trainer.train(tail);
  const loss = await trainer.readLoss();
  trainer.dispose();
  return { ae, loss, steps };
}
