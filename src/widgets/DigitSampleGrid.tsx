/** A grid of samples from the worker's image model (8×8 digits unless `width`/`height`, from the model's reply, say otherwise), saying what it waits for while it has none. */
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
  width?: number;
  height?: number;
  /** What is loading in the worker: "the digits", "the shapes". */
  what?: string;
}

export function DigitSampleGrid({ pixels, n, columns, maxCell, label, loading, ready, width = DIGIT_SIDE, height = DIGIT_SIDE, what = 'the digits' }: Props) {
  return (
    <ImageGrid
      pixels={pixels}
      n={n}
      width={width}
      height={height}
      columns={columns}
      {...(maxCell !== undefined ? { maxCell } : {})}
      label={label}
      emptyText={loading ? (ready ? `loading ${what}…` : 'Starting the engine…') : 'No samples yet'}
    />
  );
}
