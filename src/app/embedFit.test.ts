import { describe, expect, it } from 'vitest';
import { chooseFit } from './embedFit';

/** A widget whose text wraps: narrower means taller; it never lays out narrower than `minWidth`. */
const wrapping = (area: number, fixed: number, minWidth: number) => (width: number) => ({ width: Math.max(width, minWidth), height: area / width + fixed });

describe('chooseFit (an embed in its frame)', () => {
  it('scales below half size when that is what a small frame needs, and the whole widget fits', () => {
    // A widget that is 720 × 600 at any width: in a 360 × 240 frame only 0.4 shows all of it.
    const fit = chooseFit(360, 240, () => ({ width: 720, height: 600 }));
    expect(fit.scale).toBeCloseTo(0.4, 6);
    expect(720 * fit.scale).toBeLessThanOrEqual(360);
    expect(600 * fit.scale).toBeLessThanOrEqual(240);
  });

  it('picks the layout width at which the widget shows largest, and it fits both ways', () => {
    const measure = wrapping(150_000, 60, 300);
    const fit = chooseFit(360, 240, measure);
    const size = measure(fit.width);
    expect(size.width * fit.scale).toBeLessThanOrEqual(360 + 1e-9);
    expect(size.height * fit.scale).toBeLessThanOrEqual(240 + 1e-9);
    // No candidate width would have shown it (more than 1 %) larger.
    for (const width of [360, 320, 400, 480, 560, 640, 720, 800, 960, 1120, 1280]) {
      const s = measure(width);
      expect(Math.min(3, 360 / Math.max(s.width, width), 240 / s.height)).toBeLessThanOrEqual(fit.scale * 1.01);
    }
    // A wide, short frame lays it out wider than a narrow, tall one.
    expect(chooseFit(1200, 300, measure).width).toBeGreaterThan(chooseFit(360, 640, measure).width);
  });

  it('never scales above 3, and keeps the frame width when nothing does better', () => {
    expect(chooseFit(2000, 2000, () => ({ width: 100, height: 100 })).scale).toBe(3);
    expect(chooseFit(640, 480, () => ({ width: 640, height: 100 }))).toEqual({ width: 640, scale: 1 });
  });
});
