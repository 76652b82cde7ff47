/**
 * The video-clips widget's samples: n clips from each video model (joint, per-frame) from one seed,
 * each reply carrying the data's clips from that seed and the figures of all three. `sample(seed)`
 * draws both; `sample(seed, ['videoJoint'])` only the joint one (while it trains). A request whose
 * reply is superseded (same owner, newer run) resolves null in the client and is dropped here.
 */
import { useEffect, useRef, useState } from 'react';
import type { VideoModelId } from '../engine/modelIds';
import { getEngineClient } from '../session/engineClient';
import type { VideoSampleResult } from '../worker/protocol';

/** One model's latest clips and the seed they were drawn from. */
export type VideoRow = VideoSampleResult & { seed: number };

export interface VideoClipRows {
  joint: VideoRow | null;
  perFrame: VideoRow | null;
}

const ROW: Record<VideoModelId, 'joint' | 'perFrame'> = { videoJoint: 'joint', videoFrames: 'perFrame' };

export function useVideoClips(n: number, owner: string) {
  const [rows, setRows] = useState<VideoClipRows | null>(null);
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  /** The seed the rows are for: a reply for another (an older "Sample again") is dropped. */
  const seedRef = useRef<number | null>(null);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const sample = (seed: number, models: readonly VideoModelId[] = ['videoJoint', 'videoFrames']): void => {
    seedRef.current = seed;
    for (const model of models) {
      setPending((p) => p + 1);
      getEngineClient()
        .sampleModel(model, { n, seed, owner })
        .then((result) => {
          if (!result || !mounted.current || seedRef.current !== seed) return;
          setRows((r) => ({ ...(r ?? { joint: null, perFrame: null }), [ROW[model]]: { ...result, seed } }));
          setError(null);
        })
        .catch((e: unknown) => {
          if (mounted.current) setError(e instanceof Error ? e.message : String(e));
        })
        .finally(() => {
          if (mounted.current) setPending((p) => p - 1);
        });
    }
  };

  return { rows, pending: pending > 0, error, sample };
}
