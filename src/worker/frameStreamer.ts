/**
 * Streams traced sampling frames to the page in chunks: frames computed within one ~16 ms window
 * travel together (at most ~60 messages a second), as transferable Float32Arrays the worker no
 * longer touches. Backpressure: at most MAX_IN_FLIGHT chunks may await the page's acknowledgement;
 * beyond that frames wait in the buffer and go out together with the next chunk.
 */
import type { Post } from './session';
import { yieldToEvents } from './yieldToEvents';

const FRAME_INTERVAL_MS = 16;
const MAX_IN_FLIGHT = 2;

export class FrameStreamer {
  /** The runId of the sampling run being streamed; a new run supersedes (and cancels) the old. */
  current = -1;
  private acked = -1;
  private waiters: Array<() => void> = [];

  constructor(private readonly post: Post) {}

  begin(runId: number, nTrace: number) {
    this.current = runId;
    this.acked = -1;
    let chunk = 0;
    let ts: number[] = [];
    let parts: Float32Array[] = [];
    let lastFlush = 0;
    const flush = (): void => {
      if (ts.length === 0 || runId !== this.current) return;
      const points = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
      let offset = 0;
      for (const p of parts) {
        points.set(p, offset);
        offset += p.length;
      }
      this.post({ type: 'frames', runId, chunk, ts: Int32Array.from(ts), points, nTrace }, [points.buffer]);
      chunk++;
      ts = [];
      parts = [];
      lastFlush = performance.now();
    };
    return {
      /** Buffers a frame; at most every ~16 ms it sends the buffer and yields so acknowledgements (and pause requests) get in. */
      push: async (t: number, framePoints: Float32Array): Promise<void> => {
        ts.push(t);
        parts.push(framePoints);
        if (performance.now() - lastFlush < FRAME_INTERVAL_MS) return;
        if (chunk - 1 - this.acked < MAX_IN_FLIGHT) flush();
        else lastFlush = performance.now(); // page behind: keep buffering, look again next window
        await yieldToEvents();
      },
      /** Sends what is left once the page has caught up (or the run was superseded). */
      end: async (): Promise<void> => {
        while (runId === this.current && chunk - 1 - this.acked >= MAX_IN_FLIGHT) {
          await new Promise<void>((resolve) => {
            this.waiters.push(resolve);
            setTimeout(resolve, 250); // a page that never acknowledges cannot hang the worker
          });
        }
        flush();
      },
    };
  }

  acknowledge(runId: number, chunk: number): void {
    if (runId !== this.current) return;
    this.acked = Math.max(this.acked, chunk);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
