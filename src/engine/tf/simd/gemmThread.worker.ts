/**
 * The helper thread of ./gemmThreads.ts: instantiates the fixed-stride product kernels on the
 * shared memory it is given, says it is ready, then runs forever: sleep until a new product is
 * open in the control block, run chunks of it until none are left (./chunkClaims.ts: the owner
 * claims chunks too), adding the rows it ran to the done count. It never returns to its event
 * loop; the owner ends it with terminate().
 */
import { readClaim, runOpenChunks } from './chunkClaims';
import type { FixedGemmSpec } from './kernels';
import { rowPointers } from './rowChunks';
import { CTL, wake, waitWhile } from './threadControl';

type Kernel = (...args: number[]) => void;

interface Init {
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
  names: string[];
  specs: FixedGemmSpec[];
  ctl: Int32Array;
}

self.onmessage = (e: MessageEvent<Init>) => {
  const { memory, module, names, specs, ctl } = e.data;
  let kernels: Kernel[];
  try {
    const exports = new WebAssembly.Instance(module, { env: { mem: memory } }).exports as Record<string, Kernel>;
    kernels = names.map((n) => exports[n]!);
  } catch {
    self.postMessage({ ready: false });
    return;
  }
  self.postMessage({ ready: true });
  const run = (fn: number, [A, B, C, bias, , N, K, flags]: readonly number[], first: number, rows: number): void => {
    const p = rowPointers(specs[fn]!, A!, C!, first);
    kernels[fn]!(p.A, B!, p.C, bias!, rows, N!, K!, flags!);
    Atomics.add(ctl, CTL.done, rows);
    wake(ctl, CTL.done, CTL.doneSleeper);
  };
  let seq = readClaim(Atomics.load(ctl, CTL.claim)).seq;
  for (;;) {
    // Sleep until the claim word names another product (the owner's own claims change it too).
    for (let word = Atomics.load(ctl, CTL.claim); readClaim(word).seq === seq; word = Atomics.load(ctl, CTL.claim)) waitWhile(ctl, CTL.claim, CTL.claimSleeper, word);
    seq = runOpenChunks(ctl, run).seq;
  }
};
