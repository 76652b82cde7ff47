/** A labelled picker for the noise-schedule kind, shared by the widgets that let the reader switch schedules. */
import { SCHEDULE_KINDS, type ScheduleKind } from '../engine/schedule';

export function ScheduleSelect({ value, onChange }: { value: ScheduleKind; onChange: (kind: ScheduleKind) => void }) {
  return (
    <label>
      schedule{' '}
      <select value={value} onChange={(e) => onChange(e.target.value as ScheduleKind)}>
        {SCHEDULE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
      </select>
    </label>
  );
}
