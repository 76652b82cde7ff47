/**
 * The control block two threads share to split matrix products (./gemmThreads.ts and its helper,
 * ./gemmThread.worker.ts): Int32 slots read and written only with Atomics.
 * What the slots mean to a product is in ./chunkClaims.ts.
 */

/** Slots: claim word, rows the helper has finished, kernel index, then the kernel's 8 arguments. */
export const CTL = { claim: 0, done: 1, fn: 2, args: 3, size: 11 } as const;

/**
 * How long a waiting thread polls before it sleeps in Atomics.wait: a hand-off within that time
 * costs microseconds, a later one a wake-up (~0.1 ms). Kept short so that a thread waiting on the
 * other does not take a core from the page for long (measured: 0.05 and 2 ms train alike).
 */
export const SPIN_MS = 0.1;

/** Waits until `ctl[slot]` is no longer `value`: polls for `spinMs`, then sleeps. False if `timeoutMs` passed first. */
export function waitWhile(ctl: Int32Array, slot: number, value: number, timeoutMs = Number.POSITIVE_INFINITY, spinMs = SPIN_MS): boolean {
  const t0 = performance.now();
  let polls = 0;
  while (Atomics.load(ctl, slot) === value) {
    if (++polls % 64 !== 0) continue;
    const waited = performance.now() - t0;
    if (waited > timeoutMs) return false;
    if (waited > spinMs) Atomics.wait(ctl, slot, value, Math.min(100, timeoutMs - waited));
  }
  return true;
}

/** Waits until `ctl[slot]` equals `target` (a count the other thread raises). False if `timeoutMs` passed first. */
export function waitUntil(ctl: Int32Array, slot: number, target: number, timeoutMs = Number.POSITIVE_INFINITY): boolean {
  const t0 = performance.now();
  for (let v = Atomics.load(ctl, slot); v !== target; v = Atomics.load(ctl, slot)) {
    if (!waitWhile(ctl, slot, v, timeoutMs - (performance.now() - t0))) return false;
  }
  return true;
}
