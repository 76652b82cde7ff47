/**
 * Picks the tfjs backend for Node tests: WASM (XNNPACK) when it loads, else the plain CPU
 * backend. tfjs-node cannot be installed offline, and WASM is several times faster than CPU.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export async function useTestBackend(): Promise<string> {
  if (tf.getBackend() === 'wasm') return 'wasm';
  const ok = await tf.setBackend('wasm').catch(() => false);
  if (!ok) await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}
