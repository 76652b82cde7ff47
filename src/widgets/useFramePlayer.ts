/**
 * Play/Pause through K frames once, from the first to the last, one frame every `msPerFrame`; it
 * stops on the last frame (the finished sample). Play on the last frame starts again from the
 * first. Seeking pauses. `restart()` goes back to the first frame and plays; a reader who prefers
 * reduced motion is shown the last frame instead, and Play is theirs to press. With `loop` (video
 * clips) it goes round from the last frame to the first until paused.
 */
import { useCallback, useEffect, useState } from 'react';

export interface FramePlayer {
  frame: number;
  playing: boolean;
  play(): void;
  pause(): void;
  seek(frame: number): void;
  restart(): void;
}

const reducedMotion = (): boolean => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

export function useFramePlayer(frames: number, msPerFrame: number, loop = false): FramePlayer {
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  const last = Math.max(0, frames - 1);

  useEffect(() => {
    if (!playing) return;
    const id = window.setInterval(() => setFrame((f) => (loop && f >= last ? 0 : Math.min(last, f + 1))), msPerFrame);
    return () => window.clearInterval(id);
  }, [playing, last, msPerFrame, loop]);

  // Stop on the last frame rather than loop: the reader is left looking at the finished samples.
  useEffect(() => {
    if (playing && !loop && frame >= last) setPlaying(false);
  }, [playing, frame, last, loop]);

  const play = useCallback(() => {
    setFrame((f) => (f >= last ? 0 : f));
    setPlaying(true);
  }, [last]);
  const pause = useCallback(() => setPlaying(false), []);
  const seek = useCallback((k: number) => {
    setPlaying(false);
    setFrame(Math.max(0, Math.min(last, Math.round(k))));
  }, [last]);
  const restart = useCallback(() => {
    const still = reducedMotion();
    setFrame(still ? last : 0);
    setPlaying(!still);
  }, [last]);

  return { frame: Math.min(frame, last), playing, play, pause, seek, restart };
}
