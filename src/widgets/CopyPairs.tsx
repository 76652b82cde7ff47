/**
 * Samples beside their nearest training images (eq. 8.4), closest pair first, each with its distance
 * d(x). The pixels each pair shows ride on data attributes (data-sample-pixels, data-nearest-pixels)
 * so a test can recompute the distance from what is drawn.
 */
import { useMemo } from 'react';
import { ImageGrid } from '../charts/ImageGrid';
import { DIGIT_DIM } from '../engine/datasets/digits';
import { ascendingOrder } from '../engine/images/copyCheck';
import { formatDistance } from './copyVerdict';

interface Props {
  /** n samples, 64 pixels each. */
  samples: Float32Array;
  /** Each sample's nearest training image (n × 64), its index in the training split and the distance. */
  nearest: Float32Array;
  index: Int32Array;
  distance: Float64Array;
}

export function CopyPairs({ samples, nearest, index, distance }: Props) {
  // Built once per sample: a new array each render would redraw every canvas on every progress tick.
  const pairs = useMemo(
    () =>
      ascendingOrder(distance).map((r) => {
        const sample = samples.subarray(r * DIGIT_DIM, (r + 1) * DIGIT_DIM);
        const train = nearest.subarray(r * DIGIT_DIM, (r + 1) * DIGIT_DIM);
        const pixels = new Float32Array(2 * DIGIT_DIM);
        pixels.set(sample);
        pixels.set(train, DIGIT_DIM);
        return { r, sample, train, pixels };
      }),
    [samples, nearest, distance],
  );
  return (
    <ol className="copy-pairs" aria-label="samples beside their nearest training images, closest first">
      {pairs.map(({ r, sample, train, pixels }, rank) => {
        const d = formatDistance(distance[r]!);
        return (
          <li
            key={r}
            className="copy-pair"
            data-testid="copy-pair"
            data-sample={r}
            data-train-index={index[r]}
            data-sample-pixels={Array.from(sample).join(',')}
            data-nearest-pixels={Array.from(train).join(',')}
          >
            <ImageGrid pixels={pixels} n={2} columns={2} maxCell={6} label={`Sample ${rank + 1} of ${pairs.length} by distance, beside training digit ${index[r]}: distance ${d}`} />
            <span className="copy-d" data-testid="copy-distance">d = {d}</span>
          </li>
        );
      })}
    </ol>
  );
}
