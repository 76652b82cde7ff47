/**
 * Backend choice inside the worker. Every candidate is initialised; when more than one works,
 * each runs a short timed warm-up of real training steps on the current model shape and the
 * fastest wins: for a small MLP a CPU-side backend often beats a GPU one, so we measure.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { makeDataset } from '../engine/datasets';
import { makeSchedule } from '../engine/schedule';
import { Denoiser, resolveDenoiserConfig, Trainer } from '../engine/tf';
import { BACKENDS, type BackendName, type BackendReport } from './protocol';

// The WASM binaries are bundled as assets of this app, so they load from its own origin and path.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
// In a cross-origin isolated page tfjs would pick its multithreaded WASM build, whose thread
// workers start from a script that fails inside a bundled module worker ("e is not defined").
// Training and sampling on WASM run in our own kernels, which bring their own second thread.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return 'failed to initialise';
    await tf.ready();
    // A tiny op proves the backend computes, not just registers.
    const probe = tf.tidy(() => tf.tensor1d([1, 2, 3]).square().sum());
    const value = (await probe.data())[0];
    probe.dispose();
    return value === 14 ? null : `computed ${value} for 1² + 2² + 3²`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Training steps per second of the default model at batch 256, over a short timed window. */
async function warmUpSpeed(): Promise<number> {
  const schedule = makeSchedule({ kind: 'linear', T: 1000 });
  const model = new Denoiser(resolveDenoiserConfig({ dim: 2, T: 1000 }), 0);
  const trainer = new Trainer(model, schedule, makeDataset('twoMoons', 512, 0).points, { emaDecay: 0 });
  try {
    trainer.train(2); // compile shaders / first-call costs
    await trainer.readStats();
    const start = performance.now();
    let steps = 0;
    while (performance.now() - start < 400 || steps < 3) {
      trainer.train(1);
      steps++;
      if (steps % 3 === 0) await trainer.readStats(); // include the read-back in the timing
    }
    await trainer.readStats();
    return steps / ((performance.now() - start) / 1000);
  } finally {
    trainer.dispose();
    model.dispose();
  }
}

function adapterInfo(name: BackendName): string | undefined {
  if (name !== 'webgpu') return undefined;
  const backend = tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string; description?: string } };
  const info = backend.adapterInfo;
  return info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || undefined : undefined;
}

/** Initialises the requested backend, or measures every working one and keeps the fastest. */
export async function chooseBackend(requested: BackendName | 'auto', exclude: BackendName[] = []): Promise<BackendReport> {
  const failed: BackendReport['failed'] = {};
  if (requested !== 'auto') {
    const error = await tryBackend(requested);
    if (error) throw new Error(`backend ${requested} is not available here: ${error}`);
    return { name: requested, reason: `forced by ?backend=${requested}`, measured: {}, failed, adapter: adapterInfo(requested) };
  }
  const measured: BackendReport['measured'] = {};
  for (const name of BACKENDS) {
    if (exclude.includes(name)) continue;
    const error = await tryBackend(name);
    if (error) {
      failed[name] = error;
      continue;
    }
    try {
      measured[name] = await warmUpSpeed();
    } catch (e) {
      failed[name] = e instanceof Error ? e.message : String(e);
    }
  }
  const ranked = (Object.entries(measured) as Array<[BackendName, number]>).sort((a, b) => b[1] - a[1]);
  const best = ranked[0];
  if (!best) throw new Error(`no TensorFlow.js backend works here (${JSON.stringify(failed)})`);
  await tf.setBackend(best[0]);
  // Warm-up steps include first-call costs and run one at a time, so they say which is fastest, not how fast training goes.
  const speeds = ranked.map(([n, s]) => `${n} ${s.toFixed(1)}`).join(', ');
  return { name: best[0], reason: `fastest in a warm-up of a few steps (warm-up steps/s, not the training speed: ${speeds})`, measured, failed, adapter: adapterInfo(best[0]) };
}
