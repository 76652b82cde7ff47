/**
 * The image-reverse widget's sampling: n digits by DDIM from the x_T that `seed` fixes, with every
 * state of the chain kept as a frame (x_t and x̂₀ of eq. 4.6, ImageReverseFrames) — asked of the
 * worker as owner 'image-reverse', so other widgets' samples on the page run beside it. A newer
 * request of this widget supersedes the older; a result that arrives late is dropped.
 */
import { useEffect, useRef, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import type { ImageReverseFrames } from '../worker/protocol';

export interface ReverseRun extends ImageReverseFrames {
  seed: number;
  /** Training steps of the network that drew it. */
  step: number;
  n: number;
}

export interface ReverseFrames {
  run: ReverseRun | null;
  /** The seed being sampled now, or null. */
  pending: number | null;
  error: string | null;
  /** Finished samples so far (tests wait on it). */
  count: number;
  sample(seed: number): void;
}

export function useReverseFrames(n: number, steps: number, frames: number, owner: string): ReverseFrames {
  const [run, setRun] = useState<ReverseRun | null>(null);
  const [pending, setPending] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [count, setCount] = useState(0);
  const latest = useRef(0);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const sample = (seed: number): void => {
    const id = ++latest.current;
    setPending(seed);
    setError(null);
    getEngineClient()
      .sampleModel('images', { n, seed, w: 0, steps, frames, owner })
      .then(
        (r) => {
          if (!mounted.current || id !== latest.current) return;
          setPending(null);
          if (!r || !r.frames || r.frames.t.length !== frames) {
            setError('The sample stopped before it finished (the model was reset or the engine restarted): press Sample again.');
            return;
          }
          setRun({ ...r.frames, seed, step: r.step, n });
          setCount((k) => k + 1);
        },
        (e: unknown) => {
          if (!mounted.current || id !== latest.current) return;
          setPending(null);
          setError(e instanceof Error ? e.message : String(e));
        },
      );
  };

  return { run, pending, error, count, sample };
}
