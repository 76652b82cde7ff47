/**
 * Adam (Kingma & Ba 2015, Algorithm 1) on one packed parameter vector θ, with global-norm gradient
 * clipping and AdamW's decoupled weight decay (Loshchilov & Hutter 2019). Packing every weight
 * into one vector makes an update a dozen ops in all instead of a dozen per variable:
 *
 *   g ← g · min(1, c/‖g‖)                       (clipping, when c > 0)
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
 *   θ ← θ − α · m̂ / (√v̂ + ε),  m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)
 *   θ ← θ − α λ (mask ⊙ θ)                      (AdamW: weight matrices only)
 *
 * The bias corrections fold into two scalars: α m̂/(√v̂ + ε) = (α √(1 − β₂ᵗ)/(1 − β₁ᵗ)) · m/(√v + ε √(1 − β₂ᵗ)).
 */
import * as tf from '@tensorflow/tfjs';

export interface PackedAdamOptions {
  learningRate: number;
  beta1: number;
  beta2: number;
  /** tfjs's default for float32, as tf.train.adam uses. */
  epsilon: number;
  /** Global-norm clip c; 0 turns it off. */
  gradClip: number;
  /** AdamW's λ; 0 (or no mask) turns it off. */
  weightDecay: number;
}

export const DEFAULT_PACKED_ADAM: PackedAdamOptions = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, gradClip: 0, weightDecay: 0 };

export class PackedAdam {
  readonly options: PackedAdamOptions;
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  /** α λ on the entries that decay (weight matrices), 0 elsewhere; null without decay. */
  private decay: tf.Tensor1D | null;
  private readonly consts: tf.Scalar[];
  private t = 0;

  /** `decayMask` (length = θ's) marks with 1 the entries AdamW decays. */
  constructor(size: number, options: Partial<PackedAdamOptions>, decayMask?: Float32Array) {
    this.options = { ...DEFAULT_PACKED_ADAM, ...options };
    const { beta1, beta2, gradClip, weightDecay, learningRate } = this.options;
    this.m = tf.tidy(() => tf.variable(tf.zeros([size]), false));
    this.v = tf.tidy(() => tf.variable(tf.zeros([size]), false));
    const rate = learningRate * weightDecay;
    this.decay = decayMask && rate > 0 ? tf.tensor1d(decayMask.map((x) => x * rate)) : null;
    this.consts = [beta1, 1 - beta1, beta2, 1 - beta2, gradClip > 0 ? 1 / (gradClip * gradClip) : 0, 1].map((x) => tf.scalar(x));
  }

  /** A new step size α from the next step on (AdamW's decay α λ follows it); the moments are kept. */
  setLearningRate(learningRate: number): void {
    const old = this.options.learningRate;
    this.options.learningRate = learningRate;
    if (this.decay) {
      const scaled = tf.tidy(() => this.decay!.mul(learningRate / old) as tf.Tensor1D);
      this.decay.dispose();
      this.decay = scaled;
    }
  }

  /** Steps taken so far. */
  get iterations(): number {
    return this.t;
  }

  /** θ after one step with gradient g (both of θ's length); updates the moments. Call inside tf.tidy. */
  step(theta: tf.Tensor1D, gradient: tf.Tensor1D): tf.Tensor1D {
    const [b1, oneMinusB1, b2, oneMinusB2, invClip2, one] = this.consts as [tf.Scalar, tf.Scalar, tf.Scalar, tf.Scalar, tf.Scalar, tf.Scalar];
    const { beta1, beta2, epsilon, gradClip, learningRate } = this.options;
    let g = gradient;
    // min(1, c/‖g‖) = 1/√max(‖g‖²/c², 1)
    if (gradClip > 0) g = g.mul(tf.rsqrt(tf.maximum(g.square().sum().mul(invClip2), one)));
    this.t++;
    const m = this.m.mul(b1).add(g.mul(oneMinusB1)) as tf.Tensor1D;
    const v = this.v.mul(b2).add(g.square().mul(oneMinusB2)) as tf.Tensor1D;
    this.m.assign(m);
    this.v.assign(v);
    const root = Math.sqrt(1 - beta2 ** this.t);
    const stepSize = (learningRate * root) / (1 - beta1 ** this.t);
    let next = theta.sub(m.div(v.sqrt().add(tf.scalar(epsilon * root))).mul(tf.scalar(stepSize))) as tf.Tensor1D;
    if (this.decay) next = next.sub(next.mul(this.decay)) as tf.Tensor1D;
    return next;
  }

  dispose(): void {
    tf.dispose([this.m, this.v, ...this.consts]);
    this.decay?.dispose();
  }
}
