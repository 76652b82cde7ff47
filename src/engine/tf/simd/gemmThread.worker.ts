/**
 * The helper thread of ./gemmThreads.ts: instantiates the fixed-stride product kernels on the
 * shared memory it is given, says it is ready, then runs forever: wait for a job number in the
 * control block, run that kernel on its part of the rows, mark the job done. It never returns to
 * its event loop; the owner ends it with terminate().
 */
import { CTL, waitWhile } from './threadControl';

type Kernel = (...args: number[]) => void;

interface Init {
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
  names: string[];
  ctl: Int32Array;
}

self.onmessage = (e: MessageEvent<Init>) => {
  const { memory, module, names, ctl } = e.data;
  let kernels: Kernel[];
  try {
    const exports = new WebAssembly.Instance(module, { env: { mem: memory } }).exports as Record<string, Kernel>;
    kernels = names.map((n) => exports[n]!);
  } catch {
    self.postMessage({ ready: false });
    return;
  }
  self.postMessage({ ready: true });
  let seen = Atomics.load(ctl, CTL.seq);
  for (;;) {
    waitWhile(ctl, CTL.seq, seen);
    seen = Atomics.load(ctl, CTL.seq);
    const args: number[] = [];
    for (let k = 0; k < 8; k++) args.push(Atomics.load(ctl, CTL.args + k));
    kernels[Atomics.load(ctl, CTL.fn)]!(...args);
    Atomics.store(ctl, CTL.done, seen);
    Atomics.notify(ctl, CTL.done);
  }
};
