/**
 * The worker entry: validates each request, hands it to the model it names (the main Session, a
 * chapter-7 lab model or the image model, all trained by the one TrainingLoop), and replies. tfjs lives only here (and
 * in what this imports), never on the page's main thread.
 */
import { chooseBackend } from './backends';
import { fetchingLoader } from './imageData';
import { IMAGE_DATASETS } from './imageDatasets';
import { ImageModels } from './imageModels';
import { IMAGE_MODELS, LATENT_MODEL, UPSAMPLE_MODEL, VIDEO_MODELS, type ImageModelId, type ModelId, type VideoModelId } from '../engine/modelIds';
import { LabModels } from './labModels';
import { LatentModel } from './latentModel';
import type { Request, WorkerEvent } from './protocol';
import { Session } from './session';
import { TrainingLoop } from './trainingLoop';
import { validateRequest } from './validateRequest';
import { fetchingVideoLoader, VideoModels } from './videoModels';
import { Upsampler } from './upsampler';

const scope = self as unknown as { postMessage(message: WorkerEvent, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null };
const post = (event: WorkerEvent, transfer: Transferable[] = []): void => scope.postMessage(event, transfer);
const loop = new TrainingLoop(post);
const session = new Session(post, loop);
/** The chapter-7 lab models (signals DDPM, one-shot denoiser, guided denoiser), trained by the same loop. */
const lab = new LabModels(post, loop);
/** Where the site is (the page's document.baseURI, sent with init): the image model's data files are fetched against it. */
let siteBase: string | null = null;
/** The image models (8×8 digits as `images`, 16×16 shapes as `shapes`), each built on first use once its data is fetched, trained by the same loop. */
const imageModels = Object.fromEntries(IMAGE_MODELS.map((m) => [m, new ImageModels(post, loop, fetchingLoader(() => siteBase), IMAGE_DATASETS[m])])) as Record<ImageModelId, ImageModels>;
const isImage = (model: ModelId): model is ImageModelId => (IMAGE_MODELS as readonly string[]).includes(model);
/** Issue 15's video models (joint clips, per-frame), each built on first use from its pretrained default. */
const video = new VideoModels(post, loop, fetchingVideoLoader(() => siteBase));
const isVideo = (model: ModelId): model is VideoModelId => (VIDEO_MODELS as readonly string[]).includes(model);
/** Latent diffusion (issue 15): the DDPM on the digits' autoencoder codes, model `latent`. */
const latent = new LatentModel(post, loop, fetchingLoader(() => siteBase));
/** The digits model: the likelihood widget's. */
const images = imageModels.images;

/** Issue 15's upsampler, model `upsample`: built on first use from its shipped weights, trained by the same loop. */
const upsampler = new Upsampler(post, loop, fetchingLoader(() => siteBase));

/** The step count a train request answers with: the main model's, the image model's, or every lab model's built so far. */
const stepsOf = (request: Request & { type: 'train' }): unknown =>
  request.model === 'main' ? { step: session.step } : isImage(request.model) ? imageModels[request.model].steps() : isVideo(request.model) ? video.steps() : request.model === LATENT_MODEL ? latent.steps() : request.model === UPSAMPLE_MODEL ? upsampler.steps() : lab.steps();

async function handle(request: Request): Promise<void> {
  switch (request.type) {
    case 'init': {
      if (request.base !== undefined) siteBase = request.base;
      const backend = await chooseBackend(request.backend);
      post({ type: 'ready', id: request.id, backend });
      return;
    }
    case 'configure':
      post({ type: 'reply', id: request.id, ok: true, value: session.configure(request.config) });
      return;
    case 'train':
      if (request.action !== 'pause' && request.model !== 'main') {
        if (isImage(request.model)) await imageModels[request.model].ensure();
        else if (isVideo(request.model)) await video.ensure(request.model);
        else if (request.model === LATENT_MODEL) await latent.ensure();
        else if (request.model === UPSAMPLE_MODEL) await upsampler.ensure();
        else lab.ensure(request.model);
      }
      if (request.action === 'start') loop.start(request.model, request.runId);
      else if (request.action === 'pause') loop.pause(request.model);
      else await loop.stepN(request.model, request.runId, request.steps ?? 1);
      post({ type: 'reply', id: request.id, ok: true, value: stepsOf(request) });
      return;
    case 'sample': {
      if (request.model === 'images' || request.model === 'shapes') {
        const result = await imageModels[request.model].sample(request.runId, request.options);
        const { frames, nearest } = result;
        const extra = [...(frames ? [frames.t.buffer, frames.xt.buffer, frames.x0.buffer] : []), ...(nearest ? [nearest.index.buffer, nearest.pixels.buffer, nearest.distance.buffer, nearest.heldOutDistances.buffer] : [])];
        post({ type: 'reply', id: request.id, ok: true, value: result }, [result.pixels.buffer, ...extra]);
        return;
      }
      if (request.model === 'videoJoint' || request.model === 'videoFrames') {
        const result = await video.sample(request.model, request.runId, request.options);
        post({ type: 'reply', id: request.id, ok: true, value: result }, [result.clips.buffer, result.dataClips.buffer]);
        return;
      }
      if (request.model === LATENT_MODEL) {
        const result = await latent.sample(request.runId, request.options);
        post({ type: 'reply', id: request.id, ok: true, value: result }, [result.codes.buffer, result.pixels.buffer]);
        return;
      }
      if (request.model === UPSAMPLE_MODEL) {
        const value = await upsampler.sample(request.options);
        post({ type: 'reply', id: request.id, ok: true, value }, [value.samples.buffer, value.downsampled.buffer, value.errors.buffer]);
        return;
      }
      if (request.model !== 'main') {
        const result = await lab.sample(request.model, request.runId, request.options);
        post({ type: 'reply', id: request.id, ok: true, value: result }, [result.points.buffer, ...(result.oneShot ? [result.oneShot.buffer] : [])]);
        return;
      }
      post({ type: 'reply', id: request.id, ok: true });
      try {
        await session.sample(request.runId, request.options);
      } catch (error) {
        // Answered already: the page hears of the failure by run, so its "sampling" ends.
        post({ type: 'sampleFailed', runId: request.runId, message: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    case 'ack':
      session.acknowledge(request.runId, request.chunk);
      return;
    case 'forward': {
      const value = session.forward(request.n, request.every, request.seed);
      post({ type: 'reply', id: request.id, ok: true, value }, [value.points.buffer]);
      return;
    }
    case 'elbo':
      post({ type: 'reply', id: request.id, ok: true, value: await session.elbo(request.id, request.n, request.seed) });
      return;
    case 'imageLikelihood': {
      const value = await images.likelihood(request.id, request.images, request.seed);
      post({ type: 'reply', id: request.id, ok: true, value }, [value.bitsPerDim.buffer, value.anomaly.buffer]);
      return;
    }
    case 'predict': {
      const eps = await session.predict(request.points, request.i);
      post({ type: 'reply', id: request.id, ok: true, value: eps }, [eps.buffer]);
      return;
    }
    case 'exportWeights':
      post({ type: 'reply', id: request.id, ok: true, value: await session.exportWeights() });
      return;
    case 'importWeights':
      session.restore(request.weights, request.step);
      post({ type: 'reply', id: request.id, ok: true, value: { step: session.step } });
      return;
    case 'importModel':
      post({ type: 'reply', id: request.id, ok: true, value: await session.importModel(request.config, request.weights, request.step) });
      return;
    case 'describe':
      post({ type: 'reply', id: request.id, ok: true, value: session.describe() });
      return;
    case 'ping':
      post({ type: 'reply', id: request.id, ok: true });
      return;
    case 'upsample': {
      const value = await upsampler.sample(request.options);
      post({ type: 'reply', id: request.id, ok: true, value }, [value.samples.buffer, value.downsampled.buffer, value.errors.buffer]);
      return;
    }
    case 'imageModelStart':
      post({ type: 'reply', id: request.id, ok: true, value: await imageModels[request.model ?? 'images'].restart(request.from) });
      return;
    case 'upsampleStart':
      post({ type: 'reply', id: request.id, ok: true, value: await upsampler.restart(request.from) });
      return;
    case 'videoModelStart':
      post({ type: 'reply', id: request.id, ok: true, value: await video.restart(request.model, request.from) });
      return;
    case 'imageModelExport': {
      const value = await imageModels[request.model ?? 'images'].exportFile();
      post({ type: 'reply', id: request.id, ok: true, value }, [value.bytes.buffer as ArrayBuffer]);
      return;
    }
    case 'imageModelLoad':
      post({ type: 'reply', id: request.id, ok: true, value: await imageModels[request.model ?? 'images'].load(request.bytes, request.name) });
      return;
    case 'latentStart':
      post({ type: 'reply', id: request.id, ok: true, value: await latent.start(request.d, request.fresh) });
      return;
    case 'reset':
      if (request.model === 'main') session.dispose();
      else if (isImage(request.model)) imageModels[request.model].reset();
      else if (isVideo(request.model)) video.reset(request.model);
      else if (request.model === LATENT_MODEL) latent.reset();
      else if (request.model === UPSAMPLE_MODEL) upsampler.reset();
      else lab.reset(request.model);
      post({ type: 'reply', id: request.id, ok: true });
      return;
  }
}

scope.onmessage = (e: MessageEvent) => {
  const checked = validateRequest(e.data);
  if (!checked.ok) {
    post({ type: 'error', id: checked.id, field: checked.field, message: checked.message });
    return;
  }
  handle(checked.request).catch((error: unknown) => {
    const err = error as { message?: string; param?: string };
    post({ type: 'error', id: checked.request.id, ...(err.param ? { field: err.param } : {}), message: err.message ?? String(error) });
  });
};
