/**
 * A second thread for the matrix products: each product's output rows are split in two, this
 * thread computes the first part while a helper worker (./gemmThread.worker.ts) runs the same
 * kernel on the rest, over the same shared WebAssembly memory. Each output element is computed by
 * the same instructions as on one thread, so the results are bit-for-bit the same.
 *
 * Needs a cross-origin isolated page (SharedArrayBuffer) and a memory made with
 * `new KernelMemory({ shared: true })`; `GemmThreads.start` resolves to null wherever that fails,
 * and the caller keeps its one-thread kernels.
 */
import { fixedGemmModule, type FixedGemm, type FixedGemmSpec, type KernelMemory } from './kernels';
import { CTL, waitWhile } from './threadControl';

/** Below this many output rows a product is not worth a hand-off (microseconds, or ~0.1 ms when the helper has to wake). */
const MIN_ROWS = 32;
/** A product the helper has not finished by then means it is gone (its part takes milliseconds). */
const HELPER_TIMEOUT_MS = 5000;
/** A helper that has not said it is ready by then is given up on. */
const START_TIMEOUT_MS = 10_000;

/** The part of the rows this thread keeps: about half, a multiple of 8 so both parts tile well. */
export function splitRows(M: number): number {
  return Math.min(M, Math.ceil(M / 16) * 8);
}

/**
 * The byte pointers of the helper's part (rows h … M − 1): row h of C, and of A, which is row h
 * of A, or column h when A is stored transposed (transA: A[i, k] at A + k·lda + 4i).
 */
export function restPointers(spec: FixedGemmSpec, A: number, C: number, h: number): { A: number; C: number } {
  return { A: spec.transA ? A + 4 * h : A + h * spec.lda, C: C + h * spec.ldc };
}

export class GemmThreads {
  private seq = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly ctl: Int32Array,
    private readonly names: string[],
  ) {}

  /** The product `name` (one of the specs the helper was started with) split over both threads. */
  parallel(name: string, spec: FixedGemmSpec, local: FixedGemm): FixedGemm {
    const fn = this.names.indexOf(name);
    if (fn < 0) throw new Error(`the helper thread has no kernel ${name}`);
    const ctl = this.ctl;
    return (A, B, C, bias, M, N, K, flags) => {
      if (M < MIN_ROWS) return local(A, B, C, bias, M, N, K, flags);
      const h = splitRows(M);
      const rest = restPointers(spec, A, C, h);
      const seq = ++this.seq;
      const args = [rest.A, B, rest.C, bias, M - h, N, K, flags];
      Atomics.store(ctl, CTL.fn, fn);
      for (let k = 0; k < args.length; k++) Atomics.store(ctl, CTL.args + k, args[k]!);
      Atomics.store(ctl, CTL.seq, seq);
      Atomics.notify(ctl, CTL.seq);
      local(A, B, C, bias, h, N, K, flags);
      if (!waitWhile(ctl, CTL.done, seq - 1, HELPER_TIMEOUT_MS)) throw new Error('the helper thread of the WebAssembly kernels stopped responding');
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
        worker.postMessage({ memory: mem.memory, module: fixedGemmModule(mem.relaxed, specs, true), names, ctl });
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
