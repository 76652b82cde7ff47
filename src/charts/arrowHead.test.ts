import { describe, expect, it } from 'vitest';
import { arrowHead } from './arrowHead';

/** The three corners of an `M x,y L x,y L x,y Z` path. */
const corners = (d: string): number[][] => d.replace(/[MZ]/g, '').split('L').map((p) => p.split(',').map(Number));

describe('arrowHead', () => {
  it('puts the tip at the arrow end and the base 40% back along it, as wide as it is long', () => {
    // A 10-px arrow pointing right: head 4 px long, base at x = 6, corners at y = ±2.
    const head = arrowHead(0, 0, 10, 0)!;
    expect(head.baseX).toBeCloseTo(6, 12);
    expect(head.baseY).toBeCloseTo(0, 12);
    const [tip, a, b] = corners(head.d);
    expect(tip).toEqual([10, 0]);
    expect(a![0]).toBeCloseTo(6, 12);
    expect(b![0]).toBeCloseTo(6, 12);
    expect(Math.abs(a![1]! - b![1]!)).toBeCloseTo(4, 12);
  });

  it('caps the head at 6 px on long arrows and follows the direction (a 3-4-5 arrow)', () => {
    const head = arrowHead(1, 1, 1 + 30, 1 + 40)!; // length 50, unit (0.6, 0.8)
    expect(head.baseX).toBeCloseTo(31 - 0.6 * 6, 12);
    expect(head.baseY).toBeCloseTo(41 - 0.8 * 6, 12);
    const [, a, b] = corners(head.d);
    // The base corners are 3 px either side (6 px apart) of the base, perpendicular to the arrow.
    expect(Math.hypot(a![0]! - b![0]!, a![1]! - b![1]!)).toBeCloseTo(6, 1);
    expect((a![0]! - b![0]!) * 0.6 + (a![1]! - b![1]!) * 0.8).toBeCloseTo(0, 1);
  });

  it('draws no head on an arrow shorter than 1.5 px', () => {
    expect(arrowHead(5, 5, 6, 5)).toBeNull();
    expect(arrowHead(5, 5, 5, 5)).toBeNull();
  });
});
