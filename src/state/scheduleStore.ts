/** UI state of the noise-schedule chart: the number of timesteps T and the highlighted kind. */
import { create } from 'zustand';
import type { ScheduleKind } from '../engine/schedule';

export const T_MIN = 10;
export const T_MAX = 1000;
export const T_DEFAULT = 1000;

/** True when `value` is a T the chart accepts: an integer in [T_MIN, T_MAX]. */
export function isValidT(value: number): boolean {
  return Number.isInteger(value) && value >= T_MIN && value <= T_MAX;
}

interface ScheduleState {
  T: number;
  /** The kind whose lines are emphasised (legend hover/focus), or null for none. */
  highlighted: ScheduleKind | null;
  setT: (T: number) => void;
  setHighlighted: (kind: ScheduleKind | null) => void;
}

export const useScheduleStore = create<ScheduleState>()((set) => ({
  T: T_DEFAULT,
  highlighted: null,
  setT: (T) => {
    if (isValidT(T)) set({ T });
  },
  setHighlighted: (highlighted) => set({ highlighted }),
}));
