/**
 * The soak's verdict: does a long training run hold still? Compares the first and the last third
 * of the per-minute readings (after the first minute, which includes start-up). Memory, DOM nodes
 * and tensors must not grow by more than their allowance; training speed must not fall by more
 * than a third. Pure, so it is unit-tested.
 */
export interface SoakMinute {
  minute: number;
  step: number;
  stepsPerSecond: number;
  pageHeapMB: number;
  workerHeapMB: number | null;
  domNodes: number;
  tensors: number;
  sampleSeconds: number;
}

export interface Verdict {
  flat: boolean;
  findings: string[];
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

/** Allowed growth from the first third to the last: +25% heap, +10% DOM nodes, +0 tensors (±2 in flight). */
export function judgeFlatness(minutes: SoakMinute[]): Verdict {
  const steady = minutes.slice(1);
  if (steady.length < 3) return { flat: false, findings: ['too short to judge: run at least 4 minutes'] };
  const third = Math.max(1, Math.floor(steady.length / 3));
  const first = steady.slice(0, third);
  const last = steady.slice(-third);
  const findings: string[] = [];
  const grows = (label: string, pick: (m: SoakMinute) => number, factor: number, slack: number): void => {
    const a = mean(first.map(pick));
    const b = mean(last.map(pick));
    if (b > a * factor + slack) findings.push(`${label} grew from ${a.toFixed(1)} to ${b.toFixed(1)}`);
  };
  grows('page heap (MB)', (m) => m.pageHeapMB, 1.25, 2);
  if (steady.every((m) => m.workerHeapMB !== null)) grows('worker heap (MB)', (m) => m.workerHeapMB!, 1.25, 2);
  grows('DOM nodes', (m) => m.domNodes, 1.1, 50);
  grows('tensors', (m) => m.tensors, 1, 2);
  const speedBefore = mean(first.map((m) => m.stepsPerSecond));
  const speedAfter = mean(last.map((m) => m.stepsPerSecond));
  if (speedAfter < speedBefore * (2 / 3)) findings.push(`training slowed from ${speedBefore.toFixed(0)} to ${speedAfter.toFixed(0)} steps/s`);
  if (last.some((m) => m.stepsPerSecond === 0)) findings.push('training stopped');
  return { flat: findings.length === 0, findings };
}
