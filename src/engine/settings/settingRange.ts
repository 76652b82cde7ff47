/**
 * The one range check of a numeric setting, for everyone who checks one: the page's settings
 * table (URL and host messages), the worker's validation of a config, model files on import,
 * and the trainer's learning rate. A 'seed' is checked as the integer it is.
 */
export interface NumericRange {
  kind: 'int' | 'float' | 'seed';
  min: number;
  max: number;
  exclusiveMin?: boolean;
}

/** True when `v` is a value of the row: a finite number, whole for 'int' and 'seed', inside the range. */
export function inRowRange(row: NumericRange, v: unknown): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (row.kind !== 'float' && !Number.isInteger(v))) return false;
  const aboveMin = row.exclusiveMin ? v > row.min : v >= row.min;
  return aboveMin && v <= row.max;
}

/** The range as a reader reads it: "an integer in [10, 1000]", "a number in (0, 1]". */
export function describeRowRange(row: NumericRange): string {
  return row.kind === 'float' ? `a number in ${row.exclusiveMin ? '(' : '['}${row.min}, ${row.max}]` : `an integer in [${row.min}, ${row.max}]`;
}

/** Null if `v` is a value of the row, else what it must be. */
export function rangeProblem(row: NumericRange, v: unknown): string | null {
  return inRowRange(row, v) ? null : describeRowRange(row);
}
