/** UI state of the noise-schedule chart: the highlighted kind. T itself is the shared `T` setting. */
import { create } from 'zustand';
import type { ScheduleKind } from '../engine/schedule';

interface ScheduleState {
  /** The kind whose lines are emphasised (legend hover/focus), or null for none. */
  highlighted: ScheduleKind | null;
  setHighlighted: (kind: ScheduleKind | null) => void;
}

export const useScheduleStore = create<ScheduleState>()((set) => ({
  highlighted: null,
  setHighlighted: (highlighted) => set({ highlighted }),
}));
