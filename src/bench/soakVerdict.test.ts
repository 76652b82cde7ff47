import { describe, expect, it } from 'vitest';
import { judgeFlatness, type SoakMinute } from './soakVerdict';

const minute = (k: number, over: Partial<SoakMinute> = {}): SoakMinute => ({
  minute: k, step: 1000 * k, stepsPerSecond: 300, pageHeapMB: 40, workerHeapMB: 60, domNodes: 8000, tensors: 30, sampleSeconds: 0.3, ...over,
});

describe('judgeFlatness', () => {
  it('a steady run is flat, whatever its first minute did', () => {
    const run = Array.from({ length: 10 }, (_, k) => minute(k + 1, k === 0 ? { pageHeapMB: 5, domNodes: 100 } : {}));
    expect(judgeFlatness(run)).toEqual({ flat: true, findings: [] });
  });
  it('names each thing that grows: DOM nodes +345 a minute (the quality curve before it was bounded), a leaked tensor a minute', () => {
    const run = Array.from({ length: 20 }, (_, k) => minute(k + 1, { domNodes: 7745 + 345 * k, tensors: 30 + k }));
    const v = judgeFlatness(run);
    expect(v.flat).toBe(false);
    expect(v.findings.join('; ')).toMatch(/DOM nodes grew/);
    expect(v.findings.join('; ')).toMatch(/tensors grew/);
  });
  it('training that slows by more than a third, or stops, is not flat', () => {
    expect(judgeFlatness(Array.from({ length: 9 }, (_, k) => minute(k + 1, { stepsPerSecond: k < 4 ? 300 : 150 }))).flat).toBe(false);
    expect(judgeFlatness(Array.from({ length: 9 }, (_, k) => minute(k + 1, { stepsPerSecond: k < 8 ? 300 : 0 }))).findings).toContain('training stopped');
  });
  it('refuses to judge fewer than four minutes', () => {
    expect(judgeFlatness([minute(1), minute(2)]).flat).toBe(false);
  });
});
