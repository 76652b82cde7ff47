/**
 * Asks the worker for the trained network's ε̂ at fixed points and timestep, again whenever t
 * changes or training moves on by 100 steps. Only the latest answer is kept.
 */
import { useEffect, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { useRun } from '../state/runStore';

export function useEpsPrediction(points: Float32Array, i: number): Float32Array | null {
  const ready = useRun((s) => s.status === 'ready');
  const epoch = useRun((s) => Math.floor(s.step / 100));
  const [eps, setEps] = useState<Float32Array | null>(null);
  useEffect(() => void getEngineClient(), []);
  useEffect(() => {
    if (!ready) return;
    let current = true;
    getEngineClient()
      .predict(points, i)
      .then((e) => current && setEps(e))
      .catch(() => {}); // a superseded or failed request leaves the last picture up
    return () => {
      current = false;
    };
  }, [points, i, ready, epoch]);
  return eps;
}
