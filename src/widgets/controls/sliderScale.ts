/**
 * The position ↔ value map of a setting's slider: linear over the row's range, or logarithmic
 * (a learning rate spans decades: equal slider distances are equal ratios). Positions are whole
 * numbers 0…positions, so the keyboard moves one position per arrow press.
 */

export interface NumericRow {
  kind: 'int' | 'float';
  min: number;
  max: number;
  exclusiveMin?: boolean;
}

export interface SliderScale {
  positions: number;
  toValue: (position: number) => number;
  toPosition: (value: number) => number;
}

/** Slider positions per decade of a log scale. */
const PER_DECADE = 50;
/** Where a log slider starts when the row's lower bound is 0 (exclusive): this fraction of the maximum. */
const LOG_FLOOR = 1e-5;
const LINEAR_FLOAT_POSITIONS = 100;

const clamp = (p: number, n: number): number => Math.min(n, Math.max(0, p));
/** Two significant digits: the values a log slider stops at read as 0.002, 0.0021, not 0.0020417. */
const twoDigits = (v: number): number => Number(v.toPrecision(2));

export function sliderScale(row: NumericRow, log: boolean): SliderScale {
  if (log) {
    const lo = row.min > 0 ? row.min : row.max * LOG_FLOOR;
    const decades = Math.log10(row.max / lo);
    const positions = Math.max(1, Math.round(decades * PER_DECADE));
    const round = (v: number) => (row.kind === 'int' ? Math.round(v) : twoDigits(v));
    return {
      positions,
      toValue: (p) => round(lo * 10 ** ((clamp(p, positions) / positions) * decades)),
      toPosition: (v) => (v > 0 ? clamp(Math.round((Math.log10(v / lo) / decades) * positions), positions) : 0),
    };
  }
  if (row.kind === 'int') {
    const positions = row.max - row.min;
    return { positions, toValue: (p) => row.min + clamp(Math.round(p), positions), toPosition: (v) => clamp(Math.round(v - row.min), positions) };
  }
  const span = row.max - row.min;
  const positions = LINEAR_FLOAT_POSITIONS;
  return {
    positions,
    // Three significant digits, so a stop of a range like [0, 0.9999] reads 0.5, not 0.49995.
    toValue: (p) => Number((row.min + (clamp(p, positions) / positions) * span).toPrecision(3)),
    toPosition: (v) => clamp(Math.round(((v - row.min) / span) * positions), positions),
  };
}

/**
 * A setting's value as the control and its announcement read it: whole numbers as they are, others
 * to 6 significant digits, so a value a link or a host set (ema=0.49995) reads as the one in use.
 */
export function formatSettingValue(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
