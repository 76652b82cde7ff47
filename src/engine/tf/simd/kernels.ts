/**
 * Hand-written WebAssembly SIMD kernels for the denoiser's hot loops on CPUs, compiled and bound
 * to a memory: the matrix products of ./gemm.ts, the element-wise passes of ./elementwise.ts and
 * the copies of ./copyKernels.ts.
 * One call runs a whole layer, where tfjs would run a handful of ops each with its own
 * bookkeeping. Where the browser has relaxed SIMD, the products use fused multiply-add.
 *
 * All pointers are byte offsets into the one memory the kernels share; strides are in bytes.
 */
import { add, adam, colSum, embed, reluGrad, sumSquares } from './elementwise';
import { dotRows, gemm, GEMM_RELU, type FixedStrides } from './gemm';
import { gatherRows, transpose } from './copyKernels';
import { encodeModule, type MemoryImport } from './wasmEmitter';

export { GEMM_ACCUMULATE, GEMM_RELU, GEMM_RESIDUAL, type FixedStrides } from './gemm';

export interface KernelExports {
  embed(x: number, out: number, freqs: number, n: number, dim: number, half: number, scale: number, stride: number): void;
  gemm(A: number, B: number, C: number, bias: number, M: number, N: number, K: number, lda: number, ldb: number, ldc: number, flags: number): void;
  gemmTA(A: number, B: number, C: number, bias: number, M: number, N: number, K: number, lda: number, ldb: number, ldc: number, flags: number): void;
  dotRows(A: number, Bt: number, C: number, bias: number, M: number, N: number, K: number, lda: number, ldbt: number, ldc: number): void;
  reluGrad(g: number, a: number, out: number, n: number): void;
  add(a: number, b: number, out: number, n: number): void;
  sumSquares(x: number, n: number): number;
  colSum(A: number, out: number, M: number, N: number, lda: number): void;
  adam(theta: number, g: number, m: number, v: number, ema: number, decay: number, n: number, gScale: number, b1: number, b2: number, stepSize: number, epsRoot: number, emaRate: number): void;
  transpose(src: number, dst: number, rows: number, cols: number, lds: number, ldd: number): void;
  gatherRows(table: number, idx: number, out: number, n: number, bytes: number, ldo: number): void;
}

/** The most a shared memory may grow to (it must declare a maximum): 512 MiB of address space, reserved not used. */
export const SHARED_MAX_PAGES = 8192;

const memoryImport = (shared: boolean): MemoryImport => (shared ? { minPages: 1, shared: { maxPages: SHARED_MAX_PAGES } } : { minPages: 1 });

function moduleBytes(relaxed: boolean, shared = false): Uint8Array<ArrayBuffer> {
  return encodeModule([
    ['gemm', gemm(relaxed, false)],
    ['gemmTA', gemm(relaxed, true)],
    ['dotRows', dotRows(relaxed)],
    ['reluGrad', reluGrad()],
    ['add', add()],
    ['sumSquares', sumSquares(relaxed)],
    ['colSum', colSum()],
    ['adam', adam()],
    ['embed', embed()],
    ['transpose', transpose()],
    ['gatherRows', gatherRows()],
  ], memoryImport(shared));
}

const sharedModules = new Map<boolean, WebAssembly.Module | null>();

/** The kernels for a shared memory (same code, the import marked shared), or null where threads are not supported. */
function sharedKernels(relaxed: boolean): WebAssembly.Module | null {
  let module = sharedModules.get(relaxed);
  if (module === undefined) {
    const bytes = moduleBytes(relaxed, true);
    module = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    sharedModules.set(relaxed, module);
  }
  return module;
}

let compiled: { module: WebAssembly.Module; relaxed: boolean } | null | undefined;

/** The compiled kernels (relaxed SIMD where supported), or null where WebAssembly SIMD is missing. */
export function simdKernels(): { module: WebAssembly.Module; relaxed: boolean } | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (typeof WebAssembly === 'undefined') return compiled;
  for (const relaxed of [true, false]) {
    const bytes = moduleBytes(relaxed);
    if (WebAssembly.validate(bytes)) {
      compiled = { module: new WebAssembly.Module(bytes), relaxed };
      break;
    }
  }
  return compiled;
}

/** gemm with strides fixed at generation (see `gemm`): C = A·B (+ bias) (ReLU) (+ C). */
export type FixedGemm = (A: number, B: number, C: number, bias: number, M: number, N: number, K: number, flags: number) => void;

export type FixedGemmSpec = FixedStrides & { transA: boolean; unroll?: number; tileRows?: number };

const fixedModules = new Map<string, WebAssembly.Module>();

/** A module of gemm kernels specialised to the given strides (compiled once per set of shapes). */
export function fixedGemmModule(relaxed: boolean, specs: Record<string, FixedGemmSpec>, shared = false): WebAssembly.Module {
  const key = JSON.stringify([relaxed, specs, shared]);
  let module = fixedModules.get(key);
  if (!module) {
    module = new WebAssembly.Module(encodeModule(Object.entries(specs).map(([name, spec]) => [name, gemm(relaxed, spec.transA, spec, spec.unroll, spec.tileRows)]), memoryImport(shared)));
    fixedModules.set(key, module);
  }
  return module;
}

/** How a fixed-stride product is unrolled and tiled; which is fastest depends on the engine's compiler. */
export interface Tiling {
  unroll: number;
  tileRows: number;
}

const TILINGS: Tiling[] = [{ unroll: 1, tileRows: 4 }, { unroll: 4, tileRows: 4 }, { unroll: 4, tileRows: 6 }];
let chosenTiling: Tiling | null = null;

/**
 * The tiling that runs a 256 × 128 × 128 product fastest here, timed once per page: V8 versions
 * differ in how well they compile unrolled loops, so this is measured rather than assumed. Each
 * candidate first runs 50 calls and ≥ 30 ms (so the engine's optimising tier has compiled it), then the
 * candidates are timed in turns, best of 8 rounds each (so a burst of load hits them alike);
 * about 0.1 s in all.
 */
export function fastestTiling(mem: KernelMemory): Tiling {
  if (chosenTiling) return chosenTiling;
  const [M, K, N] = [256, 128, 128];
  const a = mem.alloc(M * K);
  const b = mem.alloc(K * N);
  const c = mem.alloc(M * N);
  const runs = TILINGS.map((tiling) => {
    const { g } = mem.fixedGemms({ g: { transA: false, lda: K * 4, ldb: N * 4, ldc: N * 4, ...tiling } });
    const run = (): void => g(a, b, c, 0, M, N, K, GEMM_RELU);
    const t0 = performance.now();
    for (let calls = 0; calls < 50 || performance.now() - t0 < 30; calls++) run();
    return { tiling, run, best: Number.POSITIVE_INFINITY };
  });
  for (let round = 0; round < 8; round++) {
    for (const r of runs) {
      const t0 = performance.now();
      for (let k = 0; k < 4; k++) r.run();
      r.best = Math.min(r.best, performance.now() - t0);
    }
  }
  // Another tiling must beat the usual choice (4× unrolled where relaxed SIMD shows a recent
  // engine, plain elsewhere) by 10% to be taken, so noise on a busy machine cannot flip it.
  const usual = runs[mem.relaxed ? 1 : 0]!;
  const fastest = runs.reduce((x, y) => (y.best < x.best ? y : x));
  chosenTiling = fastest.best < 0.9 * usual.best ? fastest.tiling : usual.tiling;
  return chosenTiling;
}

/** Whether this engine can share a WebAssembly memory with another thread (needs a cross-origin isolated page). */
export function canShareMemory(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean };
  const kernels = simdKernels();
  return g.crossOriginIsolated === true && typeof SharedArrayBuffer !== 'undefined' && kernels !== null && sharedKernels(kernels.relaxed) !== null;
}

/** Whether to give the kernels a second thread: memory can be shared here and the device has another core. */
export function secondThreadAvailable(): boolean {
  return canShareMemory() && (globalThis.navigator?.hardwareConcurrency ?? 1) > 1;
}

/**
 * Kernels bound to a growable memory, with a bump allocator for the buffers a model needs. With
 * `shared`, the memory is a SharedArrayBuffer another thread can run the same kernels on
 * (./gemmThreads.ts); call only where canShareMemory().
 */
export class KernelMemory {
  readonly k: KernelExports;
  readonly relaxed: boolean;
  readonly shared: boolean;
  readonly memory: WebAssembly.Memory;
  private top = 64;
  private view: Float32Array;
  private intView: Int32Array;

  constructor(options: { shared?: boolean } = {}) {
    const kernels = simdKernels();
    if (!kernels) throw new Error('WebAssembly SIMD is not available');
    this.shared = options.shared === true;
    const module = this.shared ? sharedKernels(kernels.relaxed) : kernels.module;
    if (!module) throw new Error('this engine cannot share WebAssembly memory between threads');
    this.memory = this.shared ? new WebAssembly.Memory({ initial: 16, maximum: SHARED_MAX_PAGES, shared: true }) : new WebAssembly.Memory({ initial: 16 });
    this.k = new WebAssembly.Instance(module, { env: { mem: this.memory } }).exports as unknown as KernelExports;
    this.relaxed = kernels.relaxed;
    this.view = new Float32Array(this.memory.buffer);
    this.intView = new Int32Array(this.memory.buffer);
  }

  /** gemm kernels specialised to fixed strides, working on this memory. */
  fixedGemms<T extends string>(specs: Record<T, FixedGemmSpec>): Record<T, FixedGemm> {
    const instance = new WebAssembly.Instance(fixedGemmModule(this.relaxed, specs, this.shared), { env: { mem: this.memory } });
    return instance.exports as unknown as Record<T, FixedGemm>;
  }

  /** Reserves room for n floats (16-byte aligned, zero-filled); returns the byte offset. */
  alloc(n: number): number {
    const ptr = this.top;
    this.top += Math.ceil(n / 4) * 16;
    const need = Math.ceil(this.top / 65536) - this.memory.buffer.byteLength / 65536;
    if (need > 0) {
      this.memory.grow(need);
      this.view = new Float32Array(this.memory.buffer);
    }
    this.f32.fill(0, ptr / 4, this.top / 4);
    return ptr;
  }

  /** All of memory as floats (re-read after any alloc: growing replaces the buffer). */
  get f32(): Float32Array {
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }

  /** All of memory as 32-bit integers (re-read after any alloc, as f32). */
  get i32(): Int32Array {
    if (this.intView.buffer !== this.memory.buffer) this.intView = new Int32Array(this.memory.buffer);
    return this.intView;
  }

  /** A view of n floats at byte offset ptr. */
  floats(ptr: number, n: number): Float32Array {
    return this.f32.subarray(ptr / 4, ptr / 4 + n);
  }
}
