/**
 * The denoiser's training loss and its gradient, written out by hand instead of recorded on
 * tfjs's tape: the per-step cost of a small MLP is the number of ops, not the arithmetic, and the
 * tape roughly doubles the ops and their bookkeeping. The network (see denoiser.ts):
 *
 *   h_0 = relu(u W_0 + b_0),  h_{k+1} = h_k + relu(h_k W_{k+1} + b_{k+1}),  y = h_D W_out + b_out
 *
 * with u the input features, and the loss L = (1/(B·d)) Σ ‖y − target‖² (the mean over the batch of
 * the per-sample mean square). Backpropagation, with δ = ∂L/∂y = 2 (y − target)/(B·d):
 *
 *   ∂W_out = h_Dᵀ δ,  ∂b_out = Σ_rows δ,  g_D = δ W_outᵀ;
 *   for k = D … 1:  e = g_k ⊙ [a_k > 0] (a_k the block's relu output),  ∂W_k = h_{k−1}ᵀ e,
 *                   ∂b_k = Σ_rows e,  g_{k−1} = g_k + e W_kᵀ;
 *   e_0 = g_0 ⊙ [h_0 > 0],  ∂W_0 = uᵀ e_0,  ∂b_0 = Σ_rows e_0.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * How the transposed products are formed. tfjs's WASM backend multiplies fast only without its
 * transpose flags (a transposed operand falls back to a slow loop), so there the operand is
 * transposed first; the GPU and CPU backends take the flags for free.
 */
export function explicitTransposes(): boolean {
  return tf.getBackend() === 'wasm';
}

/** a · bᵀ (trB) or aᵀ · b (trA), in whichever form is fast on this backend. */
function matMulT(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean, explicit: boolean): tf.Tensor2D {
  if (!explicit) return tf.matMul(a, b, transposeA, transposeB);
  return tf.matMul(transposeA ? a.transpose() : a, transposeB ? b.transpose() : b);
}

/** The forward pass on explicit weights [W_0, b_0, W_1, b_1, …, W_out, b_out]: the output, and what the backward pass needs. */
export function forwardWithCache(weights: tf.Tensor[], input: tf.Tensor2D, depth: number): { out: tf.Tensor2D; hs: tf.Tensor2D[]; acts: tf.Tensor2D[] } {
  const w = weights as tf.Tensor2D[];
  let h = tf.fused.matMul({ a: input, b: w[0]!, bias: weights[1], activation: 'relu' }) as tf.Tensor2D;
  const hs = [h];
  const acts: tf.Tensor2D[] = [];
  for (let k = 0; k < depth; k++) {
    const a = tf.fused.matMul({ a: h, b: w[2 + 2 * k]!, bias: weights[3 + 2 * k], activation: 'relu' }) as tf.Tensor2D;
    acts.push(a);
    h = h.add(a) as tf.Tensor2D;
    hs.push(h);
  }
  const out = tf.fused.matMul({ a: h, b: w[2 + 2 * depth]!, bias: weights[3 + 2 * depth] }) as tf.Tensor2D;
  return { out, hs, acts };
}

export interface LossAndGrads {
  /** Per-sample mean squared error (n): the loss is its mean. */
  perSample: tf.Tensor1D;
  /** ∂L/∂θ for each weight, in the order and shapes of `weights`. */
  grads: tf.Tensor[];
}

/**
 * L = mean_i mean_j (g(u)_ij − target_ij)² and its gradient with respect to every weight.
 * `inputT`, when given, is uᵀ already transposed (the trainer transposes a whole chunk at once).
 * Call inside tf.tidy.
 */
export function lossAndGrads(weights: tf.Tensor[], input: tf.Tensor2D, target: tf.Tensor2D, depth: number, inputT?: tf.Tensor2D, explicit = explicitTransposes()): LossAndGrads {
  const w = weights as tf.Tensor2D[];
  const { out, hs, acts } = forwardWithCache(weights, input, depth);
  const [n, d] = out.shape;
  const diff = out.sub(target);
  const perSample = diff.square().mean(1) as tf.Tensor1D;
  const delta = diff.mul(tf.scalar(2 / (n * d))) as tf.Tensor2D;
  const grads: tf.Tensor[] = new Array(weights.length);
  grads[2 + 2 * depth] = matMulT(hs[depth]!, delta, true, false, explicit);
  grads[3 + 2 * depth] = delta.sum(0);
  let g = matMulT(delta, w[2 + 2 * depth]!, false, true, explicit);
  for (let k = depth - 1; k >= 0; k--) {
    const e = g.mul(tf.step(acts[k]!)) as tf.Tensor2D;
    grads[2 + 2 * k] = matMulT(hs[k]!, e, true, false, explicit);
    grads[3 + 2 * k] = e.sum(0);
    g = g.add(matMulT(e, w[2 + 2 * k]!, false, true, explicit));
  }
  const e0 = g.mul(tf.step(hs[0]!)) as tf.Tensor2D;
  grads[0] = inputT ? tf.matMul(inputT, e0) : matMulT(input, e0, true, false, explicit);
  grads[1] = e0.sum(0);
  return { perSample, grads };
}
