/**
 * The ranges of the numeric settings, read from their rows of the settings table, as one check
 * for everyone: the URL and host messages (settingsTable.checkSetting clamps to the same bounds),
 * the engine worker's validation of a configuration, and model files on import. No React or DOM
 * here: the worker imports this.
 */
import { SETTINGS_TABLE, type SettingKey } from './settingsTable';

/** The numeric rows. */
export type NumericKey = { [K in SettingKey]: (typeof SETTINGS_TABLE)[K] extends { kind: 'int' | 'float' } ? K : never }[SettingKey];

type NumericRow = { kind: 'int' | 'float'; min: number; max: number; exclusiveMin?: boolean };
const rowOf = (key: NumericKey): NumericRow => SETTINGS_TABLE[key] as NumericRow;

/** True when `v` is a value of the numeric row `key` as it stands (a whole number for an int row, inside the range). */
export function inRange(key: NumericKey, v: unknown): v is number {
  const row = rowOf(key);
  if (typeof v !== 'number' || !Number.isFinite(v) || (row.kind === 'int' && !Number.isInteger(v))) return false;
  const aboveMin = row.kind === 'float' && row.exclusiveMin ? v > row.min : v >= row.min;
  return aboveMin && v <= row.max;
}

/** The range of a numeric row as a reader reads it: "an integer in [10, 1000]", "a number in (0, 1]". */
export function describeRange(key: NumericKey): string {
  const row = rowOf(key);
  return row.kind === 'int' ? `an integer in [${row.min}, ${row.max}]` : `a number in ${row.exclusiveMin ? '(' : '['}${row.min}, ${row.max}]`;
}
