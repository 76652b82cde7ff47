/**
 * The bench worker: for each requested backend, initialises it the way the engine worker does
 * (src/worker/backends.ts) and runs the shared cases of ./cases.ts, posting progress as it goes.
 */
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../worker/backends';
import { fetchingLoader } from '../worker/imageData';
import { describeBackend, runCases } from './cases';
import type { BenchRequest, BenchWorkerEvent } from './protocol';
import type { BenchEnvironment, CaseResult } from './report';

const scope = self as unknown as { postMessage(message: BenchWorkerEvent): void; onmessage: ((e: MessageEvent) => void) | null };
const post = (event: BenchWorkerEvent): void => scope.postMessage(event);

async function run(request: BenchRequest): Promise<void> {
  const environment: BenchEnvironment = { agent: navigator.userAgent, cores: navigator.hardwareConcurrency ?? null, tfjs: tf.version.tfjs, backends: {} };
  const results: CaseResult[] = [];
  for (const backend of request.backends) {
    try {
      const report = await chooseBackend(backend);
      const info = [report.adapter, await describeBackend(backend)].filter(Boolean).join('; ');
      environment.backends[backend] = info || 'available';
      post({ type: 'backend', where: 'browser', backend, ...(info ? { info } : {}) });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      environment.backends[backend] = `unavailable: ${error}`;
      post({ type: 'backend', where: 'browser', backend, error });
      continue;
    }
    results.push(...(await runCases({ where: 'browser', backend, quick: request.quick, cases: request.cases, onEvent: post, loadImageData: fetchingLoader(() => request.base) })));
  }
  post({ type: 'done', environment, results });
}

scope.onmessage = (e: MessageEvent) => {
  run(e.data as BenchRequest).catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
};
