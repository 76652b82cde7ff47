/**
 * The denoiser network of ../denoiser.ts (same parameters, same packed order, same features) run
 * on the CPU by the SIMD kernels of ./kernels.ts: the forward pass for sampling, and the forward
 * pass, hand-written backward pass (../denoiserGrad.ts has the equations) and fused Adam step for
 * training. Everything lives in one WebAssembly memory; a layer is one kernel call.
 */
import { classSlots, condSlots, inputSize as featureCount, type DenoiserConfig } from '../denoiserConfig';
import { embeddingFrequencies, timeEmbeddingTable } from '../sinusoidalEmbedding';
import { GemmThreads } from './gemmThreads';
import { fastestTiling, GEMM_ACCUMULATE, GEMM_RELU, GEMM_RESIDUAL, KernelMemory, simdKernels, type FixedGemm, type FixedGemmSpec } from './kernels';

/** Whether this config can run here: SIMD present and the width a multiple of 8 (the kernels' tile). */
export function simdSupports(config: DenoiserConfig): boolean {
  return config.width % 8 === 0 && simdKernels() !== null;
}

/** Float offsets of each parameter in the packed vector θ (W_0, b_0, …, W_out, b_out), and the total. */
export function paramLayout(config: DenoiserConfig): { offsets: number[]; sizes: number[]; total: number; inputSize: number } {
  const { dim, width, depth } = config;
  const inputSize = featureCount(config);
  const sizes: number[] = [inputSize * width, width];
  for (let k = 0; k < depth; k++) sizes.push(width * width, width);
  sizes.push(width * dim, dim);
  const offsets: number[] = [];
  let total = 0;
  for (const s of sizes) {
    offsets.push(total);
    total += s;
  }
  return { offsets, sizes, total, inputSize };
}

type Product = 'in' | 'inFolded' | 'hid' | 'dX' | 'dW' | 'dW0';

export class SimdMlp {
  readonly mem: KernelMemory;
  readonly layout: ReturnType<typeof paramLayout>;
  /** θ, padded to a multiple of 4 floats (the padding stays 0). */
  readonly theta: number;
  readonly paddedSize: number;
  private readonly timeTable: Float32Array;
  private readonly freqs: Float32Array;
  private capacity = 0;
  private buf: Record<'x' | 't' | 'u' | 'out' | 'delta' | 'g' | 'e' | 'tmp' | 'outT' | 'wT' | 'bias0', number> | null = null;
  private readonly freqPtr: number;
  /** The time embedding table (T × timeEmbedDim) in the kernels' memory, for gatherRows. */
  private readonly timeTablePtr: number;
  private hs: number[] = [];
  private acts: number[] = [];
  /** The products of this network's shapes, with their strides built into the code. */
  private mm: Record<Product, FixedGemm>;
  private readonly specs: Record<Product, FixedGemmSpec>;
  /** The same products on this thread alone. */
  private readonly localMm: Record<Product, FixedGemm>;
  /** The second thread, once started (enableThreads). */
  private threads: GemmThreads | null = null;
  /** Set by dispose(): a helper that finishes starting after that is ended at once. */
  private disposed = false;
  /**
   * Row stride (floats) of the activation buffers: width + 4, not width, so that walking down a
   * column (the weight gradients read hᵀ and e by column) does not hit one cache set over and
   * over, as a stride of exactly 512 bytes does (measured: 21 → 36 GFLOPS on that product).
   */
  private readonly ld: number;

  /** `shared`: put everything in shared memory, so that enableThreads() can add a second thread. */
  constructor(readonly config: DenoiserConfig, options: { shared?: boolean } = {}) {
    if (!simdSupports(config)) throw new Error('the SIMD kernels need WebAssembly SIMD and a width that is a multiple of 8');
    this.mem = new KernelMemory({ shared: options.shared === true });
    this.layout = paramLayout(config);
    this.paddedSize = Math.ceil(this.layout.total / 4) * 4;
    this.theta = this.mem.alloc(this.paddedSize);
    this.timeTable = timeEmbeddingTable(config.T, config.timeEmbedDim);
    this.freqs = embeddingFrequencies(Math.max(2, config.inputEmbedDim));
    this.freqPtr = this.mem.alloc(this.freqs.length);
    this.mem.f32.set(this.freqs, this.freqPtr / 4);
    this.timeTablePtr = this.mem.alloc(this.timeTable.length);
    this.mem.f32.set(this.timeTable, this.timeTablePtr / 4);
    this.ld = config.width + 4;
    const F = this.layout.inputSize * 4;
    const W = config.width * 4;
    const L = this.ld * 4;
    const t = fastestTiling(this.mem);
    this.specs = {
      in: { transA: false, lda: F, ldb: W, ldc: L, ...t },
      inFolded: { transA: false, lda: F - config.timeEmbedDim * 4, ldb: W, ldc: L, ...t },
      hid: { transA: false, lda: L, ldb: W, ldc: L, ...t },
      dX: { transA: false, lda: L, ldb: L, ldc: L, ...t },
      dW: { transA: true, lda: L, ldb: L, ldc: W, ...t },
      dW0: { transA: true, lda: F, ldb: L, ldc: W, ...t },
    };
    this.localMm = this.mem.fixedGemms(this.specs);
    this.mm = this.localMm;
  }

  /** Threads the products run on: 1, or 2 once enableThreads() has started the helper. */
  get threadCount(): number {
    return this.threads ? 2 : 1;
  }

  /**
   * Starts a helper thread and splits every product's rows with it from then on; resolves to
   * whether it did (it cannot without shared memory, i.e. outside a cross-origin isolated page).
   */
  async enableThreads(): Promise<boolean> {
    if (this.threads || !this.mem.shared) return this.threads !== null;
    const threads = await GemmThreads.start(this.mem, this.specs);
    if (!threads) return false;
    if (this.disposed) {
      threads.dispose();
      return false;
    }
    this.threads = threads;
    const names = Object.keys(this.specs) as Product[];
    this.mm = Object.fromEntries(names.map((n) => [n, threads.parallel(n, this.specs[n], this.localMm[n])])) as Record<Product, FixedGemm>;
    return true;
  }

  /** Ends the helper thread, if any (the products go back to one thread). */
  dispose(): void {
    this.disposed = true;
    this.threads?.dispose();
    this.threads = null;
    this.mm = this.localMm;
  }

  /** A packed parameter vector (θ's length) into the given buffer (θ by default). */
  setParams(values: Float32Array, ptr = this.theta): void {
    this.mem.f32.set(values.subarray(0, this.layout.total), ptr / 4);
  }

  /** A copy of a packed parameter vector (θ by default). */
  params(ptr = this.theta): Float32Array {
    return this.mem.floats(ptr, this.layout.total).slice();
  }

  /** Scratch buffers for n rows (grown as needed; pointers change when they grow). */
  ensureRows(n: number): void {
    if (n <= this.capacity && this.buf) return;
    const { width: W, depth: D, dim } = this.config;
    const F = this.layout.inputSize;
    const rows = Math.max(n, this.capacity);
    this.buf = {
      x: this.mem.alloc(rows * dim), t: this.mem.alloc(rows), u: this.mem.alloc(rows * F), out: this.mem.alloc(rows * dim), delta: this.mem.alloc(rows * dim), g: this.mem.alloc(rows * this.ld),
      e: this.mem.alloc(rows * this.ld), tmp: this.mem.alloc(Math.max(rows, W, dim) * W), outT: this.mem.alloc(dim * W), wT: this.mem.alloc(W * this.ld), bias0: this.mem.alloc(W),
    };
    this.hs = Array.from({ length: D + 1 }, () => this.mem.alloc(rows * this.ld));
    this.acts = Array.from({ length: D }, () => this.mem.alloc(rows * this.ld));
    this.capacity = rows;
  }

  /** Byte pointer of the input-feature rows (n × inputSize), to be filled by `writeFeatures`. */
  get inputPtr(): number {
    return this.buf!.u;
  }

  /**
   * The network's input for row r: [x, sin/cos embedding of each coordinate, class one-hot,
   * condition y, embedding of t] (the layout of Denoiser.features), written at byte pointer `ptr`. `t` holds
   * 0-indexed timesteps per row; with `withTime` false the time part is left out (the sampler folds
   * it into the bias). `labels` holds a conditional network's class per row (`classes` = ∅; null: ∅).
   *
   * The class enters as a one-hot in the feature row rather than as a gathered row of W_0 added
   * after the product: the first layer's product and its weight gradient uᵀe_0 (which then sums
   * e_0 over the rows of each class) stay the ordinary kernels, threads included, at the cost of
   * K + 1 more columns in those two products; a gathered row would need a per-row bias inside the
   * fused ReLU product and a scatter-add for its gradient.
   */
  writeFeatures(ptr: number, x: Float32Array, t: Int32Array | null, withTime = true, labels: Int32Array | null = null, conds: Float32Array | null = null): void {
    const { dim, inputEmbedDim, inputEmbedScale, timeEmbedDim, classes } = this.config;
    const half = inputEmbedDim / 2;
    const width = this.layout.inputSize - (withTime ? 0 : timeEmbedDim);
    const n = x.length / dim;
    if (half % 4 === 0 && half > 0) {
      // the SIMD kernel: coordinates and their sin/cos embedding
      this.ensureRows(n);
      this.mem.f32.set(x, this.buf!.x / 4);
      this.mem.k.embed(this.buf!.x, ptr, this.freqPtr, n, dim, half, inputEmbedScale, width);
    } else {
      const f = this.mem.f32;
      const freqs = this.freqs;
      const scale = Math.fround(inputEmbedScale);
      for (let r = 0; r < n; r++) {
        let o = ptr / 4 + r * width;
        for (let c = 0; c < dim; c++) f[o++] = x[r * dim + c]!;
        for (let c = 0; c < dim && inputEmbedDim > 0; c++) {
          const v = Math.fround(x[r * dim + c]! * scale);
          for (let k = 0; k < half; k++) f[o + k] = Math.sin(Math.fround(v * freqs[k]!));
          for (let k = 0; k < half; k++) f[o + half + k] = Math.cos(Math.fround(v * freqs[k]!));
          o += inputEmbedDim;
        }
      }
    }
    const slots = classSlots(this.config);
    if (slots > 0) {
      const f = this.mem.f32;
      const at = ptr / 4 + dim + dim * inputEmbedDim;
      for (let r = 0; r < n; r++) {
        const o = at + r * width;
        f.fill(0, o, o + slots);
        f[o + (labels ? labels[r]! : classes)] = 1;
      }
    }
    const condDim = condSlots(this.config);
    if (condDim > 0) {
      // A conditioned network's y per row (n × condDim), after the class slots.
      if (!conds || conds.length < n * condDim) throw new Error(`expected ${n * condDim} condition values (${n} rows × ${condDim})`);
      const f = this.mem.f32;
      const at = ptr / 4 + dim + dim * inputEmbedDim + slots;
      for (let r = 0; r < n; r++) f.set(conds.subarray(r * condDim, (r + 1) * condDim), at + r * width);
    }
    if (withTime && t && timeEmbedDim > 0) {
      if (timeEmbedDim % 4 === 0) {
        this.ensureRows(n);
        this.mem.i32.set(t.subarray(0, n), this.buf!.t / 4);
        this.mem.k.gatherRows(this.timeTablePtr, this.buf!.t, ptr + (width - timeEmbedDim) * 4, n, timeEmbedDim * 4, width * 4);
      } else {
        const f = this.mem.f32;
        const at = ptr / 4 + width - timeEmbedDim;
        for (let r = 0; r < n; r++) f.set(this.timeTable.subarray(t[r]! * timeEmbedDim, (t[r]! + 1) * timeEmbedDim), at + r * width);
      }
    }
  }

  /** Wᵀ of a (rows × cols) parameter at float offset `off` of θ into byte pointer `dst` (rows `dstStride` floats apart). */
  private transposeParam(off: number, rows: number, cols: number, dst: number, dstStride = rows): void {
    if (rows % 4 === 0 && cols % 4 === 0) {
      this.mem.k.transpose(this.theta + off * 4, dst, rows, cols, cols * 4, dstStride * 4);
      return;
    }
    const f = this.mem.f32;
    const src = this.theta / 4 + off;
    const d = dst / 4;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) f[d + c * dstStride + r] = f[src + r * cols + c]!;
  }

  /**
   * Forward pass on n rows of features at `u` (width = inputSize, or inputSize − timeEmbedDim with
   * `timeRow` set: all rows share timestep index timeRow). With `keep`, every layer stays for
   * `lossAndGrad`; without (sampling), each residual block is one fused pass h + relu(h W + b)
   * between two buffers. Returns the byte pointer of the n × dim output.
   */
  forward(n: number, timeRow: number | null = null, keep = true): number {
    this.ensureRows(n);
    const b = this.buf!;
    const { width: W, depth: D, dim, timeEmbedDim } = this.config;
    const { offsets, inputSize } = this.layout;
    const th = this.theta;
    const k = this.mem.k;
    let F = inputSize;
    let bias0 = th + offsets[1]! * 4;
    if (timeRow !== null) {
      // All rows share t: emb(t)·W_0[time rows] + b_0 becomes the first layer's bias.
      F = inputSize - timeEmbedDim;
      const f = this.mem.f32;
      const w0 = th / 4 + offsets[0]!;
      for (let j = 0; j < W; j++) {
        let s = f[th / 4 + offsets[1]! + j]!;
        for (let e = 0; e < timeEmbedDim; e++) s += this.timeTable[timeRow * timeEmbedDim + e]! * f[w0 + (F + e) * W + j]!;
        f[b.bias0 / 4 + j] = s;
      }
      bias0 = b.bias0;
    }
    (timeRow === null ? this.mm.in : this.mm.inFolded)(b.u, th + offsets[0]! * 4, this.hs[0]!, bias0, n, W, F, GEMM_RELU);
    let h = this.hs[0]!;
    for (let l = 0; l < D; l++) {
      const w = th + offsets[2 + 2 * l]! * 4;
      const bias = th + offsets[3 + 2 * l]! * 4;
      if (keep) {
        this.mm.hid(this.hs[l]!, w, this.acts[l]!, bias, n, W, W, GEMM_RELU);
        k.add(this.hs[l]!, this.acts[l]!, this.hs[l + 1]!, n * this.ld);
        h = this.hs[l + 1]!;
      } else {
        const next = h === this.hs[0] ? b.g : this.hs[0]!;
        this.mm.hid(h, w, next, bias, n, W, W, GEMM_RELU | GEMM_RESIDUAL);
        h = next;
      }
    }
    this.transposeParam(offsets[2 + 2 * D]!, W, dim, b.outT);
    k.dotRows(h, b.outT, b.out, th + offsets[3 + 2 * D]! * 4, n, dim, W, this.ld * 4, W * 4, dim * 4);
    return b.out;
  }

  /**
   * After `forward(n)` on training features: per-sample mean squared errors against the targets
   * (into `perSample`) and the gradient of their mean, written packed at byte pointer `grad`.
   */
  lossAndGrad(n: number, target: Float32Array, perSample: Float32Array, grad: number): void {
    const b = this.buf!;
    const { width: W, depth: D, dim } = this.config;
    const { offsets, inputSize: F } = this.layout;
    const f = this.mem.f32;
    const k = this.mem.k;
    const out = b.out / 4;
    const delta = b.delta / 4;
    const scale = 2 / (n * dim);
    const gb = grad / 4 + offsets[3 + 2 * D]!;
    for (let c = 0; c < dim; c++) f[gb + c] = 0;
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let c = 0; c < dim; c++) {
        const diff = f[out + r * dim + c]! - target[r * dim + c]!;
        s += diff * diff;
        f[delta + r * dim + c] = diff * scale;
        f[gb + c] = f[gb + c]! + diff * scale;
      }
      perSample[r] = s / dim;
    }
    // ∂W_out = h_Dᵀ δ, computed as (δᵀ h_D)ᵀ so the kernel's columns are the 128-wide h.
    const L = this.ld * 4;
    k.gemmTA(b.delta, this.hs[D]!, b.tmp, 0, dim, W, n, dim * 4, L, W * 4, 0);
    const gw = grad / 4 + offsets[2 + 2 * D]!;
    for (let c = 0; c < dim; c++) for (let j = 0; j < W; j++) f[gw + j * dim + c] = f[b.tmp / 4 + c * W + j]!;
    k.gemm(b.delta, b.outT, b.g, 0, n, W, dim, dim * 4, W * 4, L, 0);
    for (let l = D - 1; l >= 0; l--) {
      k.reluGrad(b.g, this.acts[l]!, b.e, n * this.ld);
      this.mm.dW(this.hs[l]!, b.e, grad + offsets[2 + 2 * l]! * 4, 0, W, W, n, 0);
      k.colSum(b.e, grad + offsets[3 + 2 * l]! * 4, n, W, L);
      this.transposeParam(offsets[2 + 2 * l]!, W, W, b.wT, this.ld);
      this.mm.dX(b.e, b.wT, b.g, 0, n, W, W, GEMM_ACCUMULATE);
    }
    k.reluGrad(b.g, this.hs[0]!, b.e, n * this.ld);
    this.mm.dW0(b.u, b.e, grad + offsets[0]! * 4, 0, F, W, n, 0);
    k.colSum(b.e, grad + offsets[1]! * 4, n, W, L);
  }

  /** The n × dim output of the last forward pass. */
  output(n: number): Float32Array {
    return this.mem.floats(this.buf!.out, n * this.config.dim);
  }
}
