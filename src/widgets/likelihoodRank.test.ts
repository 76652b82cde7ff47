import { describe, expect, it } from 'vitest';
import { countBelow, rankSentence, spread } from './likelihoodRank';

describe('likelihood rank among held-out digits', () => {
  const ref = Array.from({ length: 100 }, (_, i) => i + 1); // 1 … 100

  it('counts the held-out scores strictly below the drawn one', () => {
    expect(countBelow(97.5, ref)).toEqual({ below: 97, n: 100 });
    expect(countBelow(0, ref)).toEqual({ below: 0, n: 100 });
    expect(countBelow(1e9, ref)).toEqual({ below: 100, n: 100 });
    expect(countBelow(50, ref)).toEqual({ below: 49, n: 100 }); // a tie is not below
  });

  it('gives the median and range', () => {
    expect(spread(ref)).toEqual({ median: 50.5, min: 1, max: 100 });
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spread([]).median).toBeNaN();
  });

  it('says "nearly all" only past 90 of 100, and "every" only at all of them', () => {
    expect(rankSentence(97, 100, 'bits')).toBe('Higher than 97 of 100 held-out digits: by this bound the model finds it less likely than nearly all real digits.');
    expect(rankSentence(100, 100, 'bits')).toBe('Higher than all 100 held-out digits: by this bound the model finds it less likely than every real digit scored.');
    expect(rankSentence(0, 100, 'anomaly')).toBe('Lower than all 100 held-out digits: the network denoises it better than every real digit scored.');
    expect(rankSentence(5, 100, 'anomaly')).toBe('Lower than 95 of 100 held-out digits: the network denoises it better than nearly all real digits.');
    expect(rankSentence(89, 100, 'bits')).toBe('Higher than 89 of 100 held-out digits: about as likely as real digits, by this bound.');
    expect(rankSentence(50, 100, 'anomaly')).toContain('about as well as real digits');
    expect(rankSentence(0, 0, 'bits')).toBe('No held-out digits to compare with.');
  });
});
