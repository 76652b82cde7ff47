import { describe, expect, it } from 'vitest';
import { evenDigits } from './digitModel';

describe('evenDigits', () => {
  it('asks for every digit ⌊n/10⌋ or ⌈n/10⌉ times, in order', () => {
    for (const n of [10, 25, 2000, 7]) {
      const d = evenDigits(n);
      expect(d.length).toBe(n);
      const counts = Array.from({ length: 10 }, (_, c) => d.filter((x) => x === c).length);
      if (n >= 10) counts.forEach((k) => expect([Math.floor(n / 10), Math.ceil(n / 10)]).toContain(k));
      else expect(counts.filter((k) => k > 0).length).toBe(n); // fewer than ten: n different digits
      for (let r = 1; r < n; r++) expect(d[r]!).toBeGreaterThanOrEqual(d[r - 1]!);
    }
    expect(Array.from(evenDigits(25)).slice(0, 6)).toEqual([0, 0, 0, 1, 1, 2]);
  });
});
