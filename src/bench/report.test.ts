import { describe, expect, it } from 'vitest';
import { BENCH_CASES, CASE_LABELS, formatTable, median, meets, TARGETS, type BenchReport } from './report';

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

  it('has the image model\'s cases with issue 14\'s targets: the bar within 60 s, a 64-image DDIM-50 grid within 1 s', () => {
    expect(BENCH_CASES).toEqual(expect.arrayContaining(['trainImages', 'sampleImages', 'imagesToQuality']));
    expect(TARGETS.imagesToQuality).toEqual({ op: '<=', value: 60 });
    expect(TARGETS.sampleImages).toEqual({ op: '<=', value: 1 });
    expect(TARGETS.trainImages).toEqual({ op: '>=', value: 100 });
    expect(CASE_LABELS.sampleImages).toMatch(/DDIM 50 steps × 64/);
    expect(CASE_LABELS.imagesToQuality).toMatch(/2000 samples/);
    // Every label is its own, so the table's rows and the page's checkboxes can be told apart.
    expect(new Set(BENCH_CASES.map((c) => CASE_LABELS[c])).size).toBe(BENCH_CASES.length);
  });

  it('prints an image time to quality that was not reached as such, with no verdict', () => {
    const report: BenchReport = {
      version: 1,
      quick: true,
      startedAt: 'x',
      environments: [],
      results: [
        { where: 'node', backend: 'wasm', case: 'imagesToQuality', value: null, unit: 's', extrapolated: false, note: 'not reached in 3 s' },
        { where: 'node', backend: 'wasm', case: 'sampleImages', value: 0.25, unit: 's', extrapolated: false, note: 'median of 2 grids' },
        { where: 'node', backend: 'cpu', case: 'sampleImages', value: 4.2, unit: 's', extrapolated: true, note: 'scaled' },
      ],
    };
    const lines = formatTable(report).split('\n');
    expect(lines.find((l) => l.includes('time to quality (8×8 digits'))).toMatch(/not reached\s+<= 60 s\s+–\s+not reached in 3 s/);
    expect(lines.find((l) => l.includes('wasm') && l.includes('64 digit images'))).toMatch(/0\.25 s\s+<= 1 s\s+yes/);
    expect(lines.find((l) => l.includes('cpu') && l.includes('64 digit images'))).toMatch(/~4\.20 s\s+<= 1 s\s+no/);
  });
});
