import { describe, expect, it } from 'vitest';
import { formatTable, median, meets, type BenchReport } from './report';

describe('bench report', () => {
  it('takes the median of odd and even lists without reordering the input', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('checks a figure against its target in the target\'s direction, and has no verdict without a figure', () => {
    expect(meets({ op: '<=', value: 8 }, 8)).toBe(true);
    expect(meets({ op: '<=', value: 8 }, 8.1)).toBe(false);
    expect(meets({ op: '>=', value: 300 }, 299)).toBe(false);
    expect(meets({ op: '>=', value: 300 }, null)).toBeNull();
    expect(meets({ op: '>=', value: 300 }, Number.NaN)).toBeNull();
  });

  it('prints the page budget as a second table, with each target and whether it is met', () => {
    const report: BenchReport = {
      version: 1,
      quick: false,
      startedAt: '2026-12-04T00:00:00.000Z',
      environments: [{ agent: 'test', cores: 2, tfjs: '4.22.0', backends: {} }],
      results: [{ where: 'browser', backend: 'wasm', case: 'train', value: 320, unit: 'steps/s', extrapolated: false, note: '3200 steps in 10.0 s' }],
      page: [
        { case: 'script', value: 150.4, unit: 'KB', note: '9 files' },
        { case: 'draw', value: 9.5, unit: 'ms', note: 'median of 120 frames' },
      ],
    };
    const lines = formatTable(report).split('\n');
    const training = lines.find((l) => l.includes('training, default model'));
    expect(training).toMatch(/320 steps\/s\s+>= 300 steps\/s\s+yes/);
    const heading = lines.indexOf('Page budget (main thread)');
    expect(heading).toBeGreaterThan(lines.indexOf(training!));
    expect(lines.find((l) => l.startsWith('main-thread JavaScript'))).toMatch(/150 KB\s+<= 200 KB\s+yes\s+9 files/);
    expect(lines.find((l) => l.startsWith('drawing 2000 points'))).toMatch(/9\.5 ms\s+<= 8 ms\s+no/);
  });

  it('prints no page table when nothing of the page was measured', () => {
    const report: BenchReport = { version: 1, quick: true, startedAt: 'x', environments: [], results: [] };
    expect(formatTable(report)).not.toContain('Page budget');
  });
});
