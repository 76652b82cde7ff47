/**
 * Scores pad drawings with the worker's image likelihood (−ELBO in bits/dim, eq. 8.8 → 8.5, and the
 * per-pixel denoising error, eq. 7.5 / D, beside ~100 held-out digits). At most one request is in
 * flight: a drawing asked for meanwhile waits, and only the newest waiting one is sent. The scored
 * drawing is kept with its result, so the numbers always say which image they belong to.
 */
import { useEffect, useRef, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { padToUnit, type PadLevels } from './digitPad';

/** One seed for every score: the same drawing at the same step gets the same numbers (one noise draw per timestep). */
export const SCORE_SEED = 1;

export interface ScoredDrawing {
  levels: PadLevels;
  /** What was scored, in words ("your drawing", "held-out digit 5 (a 3)"). */
  what: string;
  bitsPerDim: number;
  anomaly: number;
  reference: { bitsPerDim: number[]; anomaly: number[] };
  step: number;
}

interface Ask {
  levels: PadLevels;
  what: string;
}

export interface LikelihoodScore {
  result: ScoredDrawing | null;
  /** Share of the network evaluations done, while a request is in flight; null otherwise. */
  progress: number | null;
  error: string | null;
  /** Requests sent to the worker so far. */
  sent: number;
  score: (levels: PadLevels, what: string) => void;
}

export function useLikelihoodScore(): LikelihoodScore {
  const [result, setResult] = useState<ScoredDrawing | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const busy = useRef(false);
  const waiting = useRef<Ask | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const send = async (ask: Ask): Promise<void> => {
    busy.current = true;
    setSent((k) => k + 1);
    setProgress(0);
    setError(null);
    try {
      const r = await getEngineClient().imageLikelihood(padToUnit(ask.levels), SCORE_SEED, (done, total) => mounted.current && setProgress(done / total));
      if (mounted.current) setResult({ levels: ask.levels, what: ask.what, bitsPerDim: r.bitsPerDim[0]!, anomaly: r.anomaly[0]!, reference: r.reference, step: r.step });
    } catch (e) {
      // The drawing stays on the pad; the message says what went wrong.
      if (mounted.current) setError(e instanceof Error ? e.message : String(e));
    } finally {
      busy.current = false;
      const next = waiting.current;
      waiting.current = null;
      if (next && mounted.current) void send(next);
      else if (mounted.current) setProgress(null);
    }
  };

  const score = (levels: PadLevels, what: string): void => {
    if (busy.current) waiting.current = { levels, what };
    else void send({ levels, what });
  };

  return { result, progress, error, sent, score };
}
