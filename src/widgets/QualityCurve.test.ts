/**
 * Issue 16, item 9: the quality curve stays the same size however long training runs. Measurements
 * are recorded as the widget records them, and the chart is rendered to static markup under Node
 * from what was kept: the number of elements (and the text description) is bounded after any
 * number of measurements; before, each measurement added a circle, a title and a phrase.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { boundPoints, MAX_POINTS, QualityChart, qualityPoints, recordMeasurement, resetQualityCurve } from './QualityCurve';

const elements = (html: string): number => (html.match(/<[a-z][^>]*>/g) ?? []).length;

function renderAfter(measurements: number): string {
  resetQualityCurve(null);
  for (let k = 1; k <= measurements; k++) recordMeasurement(k * 250, 10 / Math.sqrt(k));
  expect(qualityPoints().length).toBe(Math.min(measurements, MAX_POINTS));
  return renderToStaticMarkup(createElement(QualityChart, { points: qualityPoints(), step: measurements * 250 }));
}

describe('the quality curve is bounded', () => {
  it('after 100, 1000 and 5000 measurements the markup has no more elements than at the bound', () => {
    const atBound = elements(renderAfter(MAX_POINTS));
    for (const n of [100, 1000, 5000]) {
      const html = renderAfter(n);
      expect(elements(html)).toBeLessThanOrEqual(atBound);
      expect((html.match(/<circle/g) ?? []).length).toBeLessThanOrEqual(MAX_POINTS);
      expect(html.length).toBeLessThan(40_000);
    }
  });

  it('the description sums the curve up instead of listing every point', () => {
    const html = renderAfter(1000);
    const title = html.match(/<title[^>]*>([^<]*)<\/title>/)![1]!;
    expect(title).toMatch(/measurements from step 250 to 250000; first 10\.00, lowest 0\.32 at step 250000, latest 0\.32/);
    expect(title.length).toBeLessThan(300);
  });

  it('thins old points, keeps the first and every recent one', () => {
    const points = Array.from({ length: 1000 }, (_, k) => ({ x: k, y: 1 }));
    const kept = boundPoints(points);
    expect(kept.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(kept[0]!.x).toBe(0);
    expect(kept.slice(-40).map((p) => p.x)).toEqual(points.slice(-40).map((p) => p.x));
    expect(kept.map((p) => p.x)).toEqual([...kept.map((p) => p.x)].sort((a, b) => a - b));
    expect(boundPoints(points.slice(0, 10))).toHaveLength(10);
  });
});
