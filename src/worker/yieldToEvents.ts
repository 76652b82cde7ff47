/**
 * Lets queued events (pause requests, acknowledgements, newer requests) run, then resumes.
 * Not setTimeout(0): browsers clamp nested timeouts to ≥ 4 ms, which cost the training loop ~10%
 * of its time between 40 ms chunks. A MessageChannel round trip (setImmediate under Node) is not clamped.
 */
export function yieldToEvents(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => void };
  if (g.setImmediate) return new Promise((resolve) => g.setImmediate!(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
