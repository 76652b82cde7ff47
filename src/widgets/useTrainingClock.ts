/**
 * Wall-clock seconds a model has spent training on this page: counted while `training` is true
 * (updated four times a second), kept across pauses, set back to 0 by reset().
 */
import { useEffect, useRef, useState } from 'react';

const TICK_MS = 250;

export function useTrainingClock(training: boolean): { seconds: number; reset: () => void } {
  const [seconds, setSeconds] = useState(0);
  /** Seconds counted before the current run of training. */
  const banked = useRef(0);
  useEffect(() => {
    if (!training) return;
    const since = performance.now();
    const read = (): number => banked.current + (performance.now() - since) / 1000;
    const timer = setInterval(() => setSeconds(read()), TICK_MS);
    return () => {
      clearInterval(timer);
      banked.current = read();
      setSeconds(banked.current);
    };
  }, [training]);
  const reset = (): void => {
    banked.current = 0;
    setSeconds(0);
  };
  return { seconds, reset };
}
