/**
 * The energy-distance yardstick for the current dataset: held-out points drawn with a seed the
 * training set does not use (or the reader's own points for a custom dataset), and a seeded
 * N(0, I) reference. Ratios read 1 for noise and near 0 for samples like the data (NaN for
 * samples that are not all finite).
 */
import { useMemo } from 'react';
import { fromUserPoints, makeDataset } from '../engine/datasets';
import { qualityYardstick, type QualityYardstick } from '../engine/sampleQuality';
import { useRun } from '../state/runStore';

const HELD_OUT = 500;

export function useYardstick(): QualityYardstick {
  const dataset = useRun((s) => s.config.dataset);
  const points = useRun((s) => s.config.points);
  const seed = useRun((s) => s.config.seed);
  return useMemo(() => {
    const heldOut = dataset === 'custom' ? fromUserPoints(points ?? new Float32Array(4)).points : makeDataset(dataset, HELD_OUT, seed + 7919).points;
    const yardstick = qualityYardstick(heldOut, 2, HELD_OUT);
    // A diverged model can return NaN or ±∞, which the metric refuses: report NaN instead of throwing.
    const ratio = (samples: Float32Array) => (samples.every(Number.isFinite) ? yardstick.ratio(samples) : Number.NaN);
    return { ...yardstick, ratio };
  }, [dataset, points, seed]);
}

/** A ratio for display: three decimals, or a plain word when the samples were not finite. */
export const fmtRatio = (r: number): string => (Number.isFinite(r) ? r.toFixed(3) : 'not finite');
