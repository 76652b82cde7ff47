/**
 * The worker entry: validates each request, hands it to the one Session, and replies. tfjs lives
 * only here (and in what this imports), never on the page's main thread.
 */
import { chooseBackend } from './backends';
import type { Request, WorkerEvent } from './protocol';
import { LabSession } from './labSession';
import { Session } from './session';
import { validateRequest } from './validateRequest';

const scope = self as unknown as { postMessage(message: WorkerEvent, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null };
const post = (event: WorkerEvent, transfer: Transferable[] = []): void => scope.postMessage(event, transfer);
const session = new Session(post);
/** The chapter-7 lab experiments (sine DDPM, one-shot denoiser, guidance), beside the main session. */
const lab = new LabSession(post);

async function handle(request: Request): Promise<void> {
  switch (request.type) {
    case 'init': {
      const backend = await chooseBackend(request.backend);
      post({ type: 'ready', id: request.id, backend });
      return;
    }
    case 'configure':
      post({ type: 'reply', id: request.id, ok: true, value: session.configure(request.config) });
      return;
    case 'train':
      if (request.action === 'start') session.start(request.runId);
      else if (request.action === 'pause') session.pause();
      else await session.stepN(request.runId, request.steps ?? 1);
      post({ type: 'reply', id: request.id, ok: true, value: { step: session.step } });
      return;
    case 'sample':
      post({ type: 'reply', id: request.id, ok: true });
      try {
        await session.sample(request.runId, request.options);
      } catch (error) {
        // Answered already: the page hears of the failure by run, so its "sampling" ends.
        post({ type: 'sampleFailed', runId: request.runId, message: error instanceof Error ? error.message : String(error) });
      }
      return;
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
    case 'reset':
      session.dispose();
      post({ type: 'reply', id: request.id, ok: true });
      return;
    case 'lab': {
      const { value, transfer } = await lab.handle(request);
      post({ type: 'reply', id: request.id, ok: true, value }, transfer);
      return;
    }
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
