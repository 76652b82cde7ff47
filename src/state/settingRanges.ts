/**
 * The ranges of the numeric settings, read from their rows of the settings table, as one check
 * for everyone: the URL and host messages (settingsTable.checkSetting clamps to the same bounds),
 * the engine worker's validation of a configuration, and model files on import. The check itself
 * is the engine's (src/engine/settings/settingRange.ts). No React or DOM here: the worker imports this.
 */
import { describeRowRange, inRowRange, type NumericRange } from '../engine/settings/settingRange';
import { SETTINGS_TABLE, type SettingKey } from './settingsTable';

/** The numeric rows. */
export type NumericKey = { [K in SettingKey]: (typeof SETTINGS_TABLE)[K] extends { kind: 'int' | 'float' | 'seed' } ? K : never }[SettingKey];

const rowOf = (key: NumericKey): NumericRange => SETTINGS_TABLE[key];

/** True when `v` is a value of the numeric row `key` as it stands (a whole number for an int row, inside the range). */
export function inRange(key: NumericKey, v: unknown): v is number {
  return inRowRange(rowOf(key), v);
}

/** The range of a numeric row as a reader reads it: "an integer in [10, 1000]", "a number in (0, 1]". */
export function describeRange(key: NumericKey): string {
  return describeRowRange(rowOf(key));
}
