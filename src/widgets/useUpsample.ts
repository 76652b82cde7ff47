/**
 * Asks the worker's upsampler (issue 15) for K completions of a 4×4 image. At most one request is in
 * flight: a condition asked for meanwhile waits, and only the newest waiting one is sent (the owner
 * id also lets the worker cancel an older one). The result keeps the condition and seed it answers,
 * so what the widget states always belongs to the images it shows.
 */
import { useEffect, useRef, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import type { UpsampleResult } from '../worker/protocol';

export interface Upsampled extends UpsampleResult {
  cond: Float32Array;
  seed: number;
  /** What the condition is, in words ("held-out digit 3 (a 7)", "your drawing"). */
  what: string;
}

interface Ask {
  cond: Float32Array;
  seed: number;
  what: string;
}

/** Owner of this widget's sample runs in the worker. */
const OWNER = 'upsample';

export function useUpsample(k: number): { result: Upsampled | null; busy: boolean; error: string | null; ask: (cond: Float32Array, seed: number, what: string) => void } {
  const [result, setResult] = useState<Upsampled | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const waiting = useRef<Ask | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const send = async (a: Ask): Promise<void> => {
    inFlight.current = true;
    setBusy(true);
    try {
      const r = await getEngineClient().upsample(a.cond, k, a.seed, OWNER);
      if (mounted.current && !r.cancelled) {
        setResult({ ...r, cond: a.cond, seed: a.seed, what: a.what });
        setError(null);
      }
    } catch (e) {
      if (mounted.current) setError(e instanceof Error ? e.message : String(e));
    } finally {
      inFlight.current = false;
      const next = waiting.current;
      waiting.current = null;
      if (next && mounted.current) void send(next);
      else if (mounted.current) setBusy(false);
    }
  };

  const ask = (cond: Float32Array, seed: number, what: string): void => {
    const a = { cond: Float32Array.from(cond), seed, what };
    if (inFlight.current) waiting.current = a;
    else void send(a);
  };
  return { result, busy, error, ask };
}
