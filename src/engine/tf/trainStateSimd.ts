/**
 * The CPU engine of a Trainer: every step runs in the WebAssembly SIMD kernels (simd/simdMlp.ts),
 * with θ, θ̄ and Adam's moments in their memory and the losses summed in plain numbers, so a step
 * costs a dozen kernel calls and no tfjs op at all. Chosen on the WASM backend (see trainer.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { Schedule } from '../schedule';
import type { Denoiser } from './denoiser';
import { emaDecayAt, matrixMask, type GroupBatch, type TrainSettings, type TrainState } from './trainState';
import { secondThreadAvailable } from './simd/kernels';
import { SimdMlp } from './simd/simdMlp';

const BETA1 = 0.9;
const BETA2 = 0.999;
/** tfjs's float32 epsilon, as tf.train.adam and PackedAdam use. */
const EPSILON = 1e-7;

export class SimdTrainState implements TrainState {
  readonly engine = 'simd';
  private readonly mlp: SimdMlp;
  private readonly m: number;
  private readonly v: number;
  private readonly ema: number;
  private readonly decay: number;
  private readonly grad: number;
  private readonly sqrtAb: Float64Array;
  private readonly sqrtOneMinusAb: Float64Array;
  private readonly xt: Float32Array;
  private readonly target: Float32Array;
  private readonly ts: Int32Array;
  private readonly perSample: Float32Array;
  private lossSum = 0;
  private bucketSum: Float64Array;
  private t = 0;

  constructor(private readonly model: Denoiser, schedule: Schedule, private readonly data: Float32Array, private readonly s: TrainSettings) {
    // In a cross-origin isolated page a helper thread takes half of every product's rows once it
    // has started (a moment after this); until then, and everywhere else, one thread does all.
    const threads = secondThreadAvailable();
    this.mlp = new SimdMlp(model.config, { shared: threads });
    if (threads) void this.mlp.enableThreads();
    const size = this.mlp.paddedSize;
    const mem = this.mlp.mem;
    this.m = mem.alloc(size);
    this.v = mem.alloc(size);
    this.grad = mem.alloc(size);
    this.ema = s.emaDecay > 0 ? mem.alloc(size) : 0;
    this.decay = s.weightDecay > 0 ? mem.alloc(size) : 0;
    this.writeDecay();
    this.mlp.ensureRows(s.batchSize);
    const packed = model.packed();
    this.loadParams(packed);
    this.loadEma(packed);
    packed.dispose();
    this.sqrtAb = Float64Array.from(schedule.alphaBars, Math.sqrt);
    this.sqrtOneMinusAb = Float64Array.from(schedule.alphaBars, (a) => Math.sqrt(1 - a));
    const dim = model.config.dim;
    this.xt = new Float32Array(s.batchSize * dim);
    this.target = new Float32Array(s.batchSize * dim);
    this.ts = new Int32Array(s.batchSize);
    this.perSample = new Float32Array(s.batchSize);
    this.bucketSum = new Float64Array(s.lossBuckets);
  }

  loadParams(theta: tf.Tensor1D): void {
    this.mlp.setParams(theta.dataSync() as Float32Array);
  }

  loadEma(theta: tf.Tensor1D): void {
    if (this.ema) this.mlp.setParams(theta.dataSync() as Float32Array, this.ema);
  }

  params(): tf.Tensor1D {
    return tf.tensor1d(this.mlp.params());
  }

  emaParams(): tf.Tensor1D {
    return tf.tensor1d(this.mlp.params(this.ema || this.mlp.theta));
  }

  runGroup(batch: GroupBatch, firstStep: number): void {
    const B = this.s.batchSize;
    const { dim, prediction } = this.model.config;
    const mem = this.mlp.mem;
    for (let step = 0; step < batch.k; step++) {
      // x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε for this step's rows
      for (let r = 0; r < B; r++) {
        const row = step * B + r;
        const i = batch.ts[row]!;
        this.ts[r] = i;
        const a = this.sqrtAb[i]!;
        const b = this.sqrtOneMinusAb[i]!;
        const x0 = batch.idx[row]! * dim;
        for (let c = 0; c < dim; c++) {
          const e = batch.eps[row * dim + c]!;
          const x = this.data[x0 + c]!;
          this.xt[r * dim + c] = a * x + b * e;
          this.target[r * dim + c] = prediction === 'eps' ? e : x;
        }
      }
      const labels = batch.labels ? batch.labels.subarray(step * B, (step + 1) * B) : null;
      const condDim = batch.conds ? batch.conds.length / batch.ts.length : 0;
      const conds = batch.conds ? batch.conds.subarray(step * B * condDim, (step + 1) * B * condDim) : null;
      this.mlp.writeFeatures(this.mlp.inputPtr, this.xt, this.ts, true, labels, conds);
      this.mlp.forward(B);
      this.mlp.lossAndGrad(B, this.target, this.perSample, this.grad);
      let sum = 0;
      for (let r = 0; r < B; r++) {
        const loss = this.perSample[r]!;
        const bucket = batch.buckets[step * B + r]!;
        sum += loss;
        this.bucketSum[bucket] = this.bucketSum[bucket]! + loss;
      }
      this.lossSum += sum / B;
      this.adamStep(firstStep + step);
    }
  }

  /** AdamW's α λ on the weight matrices' entries (0 on biases), for the current α. */
  private writeDecay(): void {
    if (this.decay) this.mlp.mem.f32.set(matrixMask(this.model).map((x) => x * this.s.learningRate * this.s.weightDecay), this.decay / 4);
  }

  setLearningRate(learningRate: number): void {
    this.s.learningRate = learningRate;
    this.writeDecay();
  }

  /** One Adam step on θ with the gradient in `grad` (formulas in packedAdam.ts), then the average. */
  private adamStep(stepIndex: number): void {
    const { gradClip, learningRate } = this.s;
    const k = this.mlp.mem.k;
    const size = this.mlp.paddedSize;
    const norm2 = gradClip > 0 ? k.sumSquares(this.grad, size) : 0;
    const gScale = gradClip > 0 ? 1 / Math.sqrt(Math.max(norm2 / (gradClip * gradClip), 1)) : 1;
    this.t++;
    const root = Math.sqrt(1 - BETA2 ** this.t);
    const stepSize = (learningRate * root) / (1 - BETA1 ** this.t);
    const rate = this.ema ? 1 - emaDecayAt(this.s.emaDecay, stepIndex) : 0;
    k.adam(this.mlp.theta, this.grad, this.m, this.v, this.ema, this.decay, size, gScale, BETA1, BETA2, stepSize, EPSILON * root, rate);
  }

  async readLoss(): Promise<{ sum: number; bucketSum: Float32Array }> {
    const out = { sum: this.lossSum, bucketSum: Float32Array.from(this.bucketSum) };
    this.lossSum = 0;
    this.bucketSum = new Float64Array(this.s.lossBuckets);
    return out;
  }

  /** Threads the steps run on (2 once the helper has started). */
  get threads(): number {
    return this.mlp.threadCount;
  }

  dispose(): void {
    // The memory is freed with this object; the helper thread, if any, is ended here.
    this.mlp.dispose();
  }
}
