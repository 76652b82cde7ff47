/** Messages between the bench page and its worker (a worker of its own, apart from the engine's). */
import type { BackendName } from '../worker/protocol';
import type { BenchCase, BenchEnvironment, BenchEvent, CaseResult } from './report';

/** Page → bench worker: run these cases on each of these backends, in order. */
export interface BenchRequest {
  type: 'run';
  backends: BackendName[];
  cases: BenchCase[];
  quick: boolean;
  /** The page's document.baseURI: the image cases fetch the site's data files from it (src/worker/imageData.ts). */
  base: string;
}

/** Bench worker → page. */
export type BenchWorkerEvent =
  | BenchEvent
  | { type: 'done'; environment: BenchEnvironment; results: CaseResult[] }
  | { type: 'error'; message: string };
