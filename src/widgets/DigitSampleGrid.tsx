/** A grid of 8×8 digit samples from the worker's image model, saying what it waits for while it has none. */
import { ImageGrid } from '../charts/ImageGrid';
import { DIGIT_SIDE } from '../engine/datasets/digits';

interface Props {
  pixels: Float32Array | null;
  n: number;
  columns: number;
  maxCell?: number;
  label: string;
  /** A first sample is on its way (the engine starting, or the digits loading in the worker). */
  loading: boolean;
  ready: boolean;
}

export function DigitSampleGrid({ pixels, n, columns, maxCell, label, loading, ready }: Props) {
  return (
    <ImageGrid
      pixels={pixels}
      n={n}
      width={DIGIT_SIDE}
      height={DIGIT_SIDE}
      columns={columns}
      {...(maxCell !== undefined ? { maxCell } : {})}
      label={label}
      emptyText={loading ? (ready ? 'loading the digits…' : 'Starting the engine…') : 'No samples yet'}
    />
  );
}
