/**
 * A second thread for the matrix products: each product's output rows are cut into chunks
 * (./rowChunks.ts), and this thread and a helper worker (./gemmThread.worker.ts) claim chunks
 * until none are left, each running the same kernel on its rows of the same shared WebAssembly
 * memory. Each output element is computed by the same instructions as on one thread, so the results
 * are bit-for-bit the same; and a helper that is slow to wake costs nothing but its share of help.
 *
 * Needs a cross-origin isolated page (SharedArrayBuffer) and a memory made with
 * `new KernelMemory({ shared: true })`; `GemmThreads.start` resolves to null wherever that fails,
 * and the caller keeps its one-thread kernels.
 */
import { fixedGemmModule, type FixedGemm, type FixedGemmSpec, type KernelMemory } from './kernels';
import { openProduct, runOpenChunks } from './chunkClaims';
import { rowPointers } from './rowChunks';
import { CTL, waitUntil } from './threadControl';

/** Below this many output rows a product is not worth sharing (a few microseconds of work). */
const MIN_ROWS = 32;
/** A chunk the helper has not finished by then means it is gone (a chunk takes microseconds). */
const HELPER_TIMEOUT_MS = 5000;
/** A helper that has not said it is ready by then is given up on. */
const START_TIMEOUT_MS = 10_000;

export class GemmThreads {
  private seq = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly ctl: Int32Array,
    private readonly names: string[],
  ) {}

  /** The product `name` (one of the specs the helper was started with) shared with the helper. */
  parallel(name: string, spec: FixedGemmSpec, local: FixedGemm): FixedGemm {
    const fn = this.names.indexOf(name);
    if (fn < 0) throw new Error(`the helper thread has no kernel ${name}`);
    const ctl = this.ctl;
    const run = (_fn: number, [A, B, C, bias, , N, K, flags]: readonly number[], first: number, rows: number): void => {
      const p = rowPointers(spec, A!, C!, first);
      local(p.A, B!, p.C, bias!, rows, N!, K!, flags!);
    };
    return (A, B, C, bias, M, N, K, flags) => {
      if (M < MIN_ROWS) return local(A, B, C, bias, M, N, K, flags);
      const product = { fn, args: [A, B, C, bias, M, N, K, flags] };
      openProduct(ctl, ++this.seq, product);
      const mine = runOpenChunks(ctl, run, product).rows;
      if (mine < M && !waitUntil(ctl, CTL.done, CTL.doneSleeper, M - mine, HELPER_TIMEOUT_MS)) throw new Error('the helper thread of the WebAssembly kernels stopped responding');
    };
  }

  dispose(): void {
    this.worker.terminate();
  }

  /** Starts the helper on `mem`'s shared memory with the fixed products `specs`; null where it cannot run. */
  static async start(mem: KernelMemory, specs: Record<string, FixedGemmSpec>): Promise<GemmThreads | null> {
    if (!mem.shared || typeof Worker === 'undefined') return null;
    let worker: Worker;
    try {
      worker = new Worker(new URL('./gemmThread.worker.ts', import.meta.url), { type: 'module', name: 'gemm helper' });
    } catch {
      return null;
    }
    const ctl = new Int32Array(new SharedArrayBuffer(CTL.size * 4));
    const names = Object.keys(specs);
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), START_TIMEOUT_MS);
      worker.onmessage = (e: MessageEvent<{ ready: boolean }>) => {
        clearTimeout(timer);
        resolve(e.data.ready === true);
      };
      worker.onerror = () => {
        clearTimeout(timer);
        resolve(false);
      };
      try {
        worker.postMessage({ memory: mem.memory, module: fixedGemmModule(mem.relaxed, specs, true), names, specs: names.map((n) => specs[n]!), ctl });
      } catch {
        clearTimeout(timer);
        resolve(false);
      }
    });
    if (!ready) {
      worker.terminate();
      return null;
    }
    return new GemmThreads(worker, ctl, names);
  }
}
