/**
 * The image model's data in the worker: the 8×8 digits and the digit classifier, fetched once from
 * the site (public/data/) and decoded by the engine.
 *
 * Where the site is: the page tells the worker its document.baseURI in the `init` request (the
 * same base src/session/savedModels.ts resolves `pretrained/*.bin` against). The worker's own
 * `self.location` is no guide: it is `<site>/assets/engine.worker-<hash>.js` in a build and
 * `<site>/src/worker/engine.worker.ts` under `vite dev`, and base is './', so the site may live
 * under any folder. Init is sent again to every replacement worker, so a recovered worker knows it too.
 */
import { decodeDigits, type DigitSet } from '../engine/datasets/digits';
import { decodeClassifier, type ImageClassifier } from '../engine/images/classifier';
import { checkImageModelFile, type ImageModelFileConfig } from '../engine/images/digitModelFile';
import { decodeModelFile, type ModelFile } from '../engine/modelFile';

/**
 * The data files the image models need, relative to the site's base URL (pretrained: the default
 * weights, `npm run pretrain`). The shapes model draws its images with the engine's generator, so it
 * needs only its classifier and its pretrained default.
 */
export const IMAGE_DATA_FILES = {
  digits: 'data/digits-8x8.bin', classifier: 'data/digit-classifier.bin', pretrained: 'pretrained/digits.bin',
  shapeClassifier: 'data/shape-classifier.bin', shapesPretrained: 'pretrained/shapes.bin',
  // Latent diffusion's autoencoders, latent size 2 and 8 (src/worker/latentModel.ts).
  autoencoder2: 'pretrained/digit-autoencoder-d2.bin', autoencoder8: 'pretrained/digit-autoencoder-d8.bin',
  // Issue 15's upsampler (src/worker/upsampler.ts).
  upsamplePretrained: 'pretrained/upsample.bin',
} as const;
export type ImageDataFile = keyof typeof IMAGE_DATA_FILES;

/** Gets one data file's bytes (the worker: fetch from the site; tests: read public/data). */
export type ImageDataLoader = (file: ImageDataFile) => Promise<ArrayBuffer>;

/** A loader that fetches from the site at `base` (an absolute URL, e.g. the page's document.baseURI); null base: the page never said. */
export function fetchingLoader(base: () => string | null, fetcher: typeof fetch = fetch): ImageDataLoader {
  return async (file) => {
    const site = base();
    if (site === null) throw new Error(`The image model's data cannot be found: the page did not tell the engine worker the site's address (init without base), so ${IMAGE_DATA_FILES[file]} has no URL.`);
    const url = new URL(IMAGE_DATA_FILES[file], site).href;
    let response: Response;
    try {
      response = await fetcher(url);
    } catch (error) {
      throw new Error(`The image model's data could not be fetched from ${url} (${error instanceof Error ? error.message : String(error)}). Check the connection and reload the page.`);
    }
    if (!response.ok) throw new Error(`The image model's data could not be fetched from ${url}: the server answered ${response.status} ${response.statusText}.`.replace(' .', '.'));
    return response.arrayBuffer();
  };
}

/** The decoded files, each loaded (and decoded) at most once; a failed load is tried again next time. */
export class ImageData {
  private digitSet: Promise<DigitSet> | null = null;
  private readonly classifiers = new Map<ImageDataFile, Promise<ImageClassifier>>();
  private readonly pretrainedFiles = new Map<ImageDataFile, Promise<ModelFile<ImageModelFileConfig>>>();

  constructor(private readonly load: ImageDataLoader) {}

  digits(): Promise<DigitSet> {
    return (this.digitSet ??= this.once('digits', decodeDigits, () => (this.digitSet = null)));
  }

  /** A classifier file: the digits' (default) or the shapes' ('shapeClassifier'). */
  classifier(file: 'classifier' | 'shapeClassifier' = 'classifier'): Promise<ImageClassifier> {
    if (!this.classifiers.has(file)) this.classifiers.set(file, this.once(file, decodeClassifier, () => this.classifiers.delete(file)));
    return this.classifiers.get(file)!;
  }

  /**
   * A pretrained default (the digits' or, with 'shapesPretrained', the shapes'), checked to be a
   * model file of `expected` (a ModelFileError says what it is if not); kept for "Back to pretrained".
   */
  pretrained(expected: ImageModelFileConfig, file: 'pretrained' | 'shapesPretrained' = 'pretrained', name = 'digits'): Promise<ModelFile<ImageModelFileConfig>> {
    if (!this.pretrainedFiles.has(file)) this.pretrainedFiles.set(file, this.once(file, (bytes) => checkImageModelFile(decodeModelFile(bytes), expected, name), () => this.pretrainedFiles.delete(file)));
    return this.pretrainedFiles.get(file)!;
  }

  private async once<T>(file: ImageDataFile, decode: (bytes: ArrayBuffer) => T, forget: () => void): Promise<T> {
    try {
      return decode(await this.load(file));
    } catch (error) {
      forget();
      throw error;
    }
  }
}
