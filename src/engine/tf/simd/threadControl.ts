/**
 * The control block two threads share to split matrix products (./gemmThreads.ts and its helper,
 * ./gemmThread.worker.ts): Int32 slots read and written only with Atomics.
 * What the slots mean to a product is in ./chunkClaims.ts.
 */

/**
 * Slots: claim word, rows the helper has finished, kernel index, the kernel's 8 arguments, then
 * a flag per waited-on slot saying a thread sleeps on it (see wake()).
 */
export const CTL = { claim: 0, done: 1, fn: 2, args: 3, claimSleeper: 11, doneSleeper: 12, size: 13 } as const;

/**
 * How long a waiting thread polls before it sleeps in Atomics.wait. Short, so that a waiting thread
 * gives its core back to the page soon: on 2 cores a 1-ms spin left the page's main thread tasks of
 * 56–84 ms in 2 of 3 runs of the long-task e2e test (none in 3 runs at 0.1 ms), though it trained
 * ~5% faster (the helper then sleeps between most products, and waking it costs the owner).
 */
export const SPIN_MS = 0.1;

/**
 * Waits until `ctl[slot]` is no longer `value`: polls for `spinMs`, then sleeps in Atomics.wait
 * with `ctl[sleeper]` set meanwhile, so that wake() notifies only when someone sleeps. False if
 * `timeoutMs` passed first.
 */
export function waitWhile(ctl: Int32Array, slot: number, sleeper: number, value: number, timeoutMs = Number.POSITIVE_INFINITY, spinMs = SPIN_MS): boolean {
  const t0 = performance.now();
  let polls = 0;
  while (Atomics.load(ctl, slot) === value) {
    if (++polls % 64 !== 0) continue;
    const waited = performance.now() - t0;
    if (waited > timeoutMs) return false;
    if (waited > spinMs) {
      Atomics.store(ctl, sleeper, 1);
      Atomics.wait(ctl, slot, value, Math.min(100, timeoutMs - waited));
      Atomics.store(ctl, sleeper, 0);
    }
  }
  return true;
}

/** Waits until `ctl[slot]` equals `target` (a count the other thread raises). False if `timeoutMs` passed first. */
export function waitUntil(ctl: Int32Array, slot: number, sleeper: number, target: number, timeoutMs = Number.POSITIVE_INFINITY): boolean {
  const t0 = performance.now();
  for (let v = Atomics.load(ctl, slot); v !== target; v = Atomics.load(ctl, slot)) {
    if (!waitWhile(ctl, slot, sleeper, v, timeoutMs - (performance.now() - t0))) return false;
  }
  return true;
}

/**
 * After changing `ctl[slot]`: wakes a thread sleeping on it, if any. Atomics.notify costs a trip
 * into the runtime even with nobody waiting, and it ran ~11 times a training step (measured: 9% of
 * the training thread). No wake-up is lost: the sleeper sets its flag before Atomics.wait, which
 * returns at once if the slot has changed, and we change the slot before reading the flag.
 */
export function wake(ctl: Int32Array, slot: number, sleeper: number): void {
  if (Atomics.load(ctl, sleeper) !== 0) Atomics.notify(ctl, slot);
}
