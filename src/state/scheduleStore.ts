/** UI state of the noise-schedule chart: the highlighted kind. T itself is the shared `T` setting. */
import { create } from 'zustand';
import type { ScheduleKind } from '../engine/schedule';
import { SETTINGS_TABLE } from './settingsTable';

export const T_MIN = SETTINGS_TABLE.T.min;
export const T_MAX = SETTINGS_TABLE.T.max;

/** True when `value` is a T the chart accepts: an integer in [T_MIN, T_MAX]. */
export function isValidT(value: number): boolean {
  return Number.isInteger(value) && value >= T_MIN && value <= T_MAX;
}

interface ScheduleState {
  /** The kind whose lines are emphasised (legend hover/focus), or null for none. */
  highlighted: ScheduleKind | null;
  setHighlighted: (kind: ScheduleKind | null) => void;
}

export const useScheduleStore = create<ScheduleState>()((set) => ({
  highlighted: null,
  setHighlighted: (highlighted) => set({ highlighted }),
}));
