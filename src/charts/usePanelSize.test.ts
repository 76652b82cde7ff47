import { describe, expect, it } from 'vitest';
import { panelSize } from './usePanelSize';

describe('panelSize: scatter panels side by side', () => {
  it('two panels share a 526-px widget row (1280-px layout): each 229 px, so both fit on one line', () => {
    const size = panelSize(526, 2);
    expect(size).toBe(228); // ⌊(526 − 24 − 2) / 2⌋ − 22
    expect(2 * (size + 22) + 24).toBeLessThan(526);
  });
  it('never larger than 260 px on a wide row', () => {
    expect(panelSize(2000, 2)).toBe(260);
  });
  it('on a phone, where two would be under 160 px each, they stack, each as wide as the row (up to 260 px)', () => {
    expect(panelSize(342, 2)).toBe(260); // 390-px screen: ⌊(342 − 26) / 2⌋ − 22 = 136 < 160
    expect(panelSize(250, 2)).toBe(226); // 250 − 22 − 2
  });
});
