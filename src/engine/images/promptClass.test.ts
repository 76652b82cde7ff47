import { describe, expect, it } from 'vitest';
import { DIGIT_WORDS, MAX_PROMPT_LENGTH, parsePrompt } from './promptClass';

const NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

const classOf = (text: string): number | string => {
  const r = parsePrompt(text, DIGIT_WORDS);
  return r.ok ? r.classLabel : r.message;
};

const refusal = (text: string): string => {
  const r = parsePrompt(text, DIGIT_WORDS);
  if (r.ok) throw new Error(`${JSON.stringify(text)} was accepted as ${r.classLabel}`);
  return r.message;
};

describe('DIGIT_WORDS', () => {
  it('has ten classes, class c being the digit c and its English name, with no word twice', () => {
    expect(DIGIT_WORDS).toHaveLength(10);
    DIGIT_WORDS.forEach((words, c) => expect([...words]).toEqual([String(c), NAMES[c]]));
    const all = DIGIT_WORDS.flat();
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('parsePrompt', () => {
  it('takes each digit and each name to its class', () => {
    for (let c = 0; c < 10; c++) {
      expect(parsePrompt(String(c), DIGIT_WORDS)).toEqual({ ok: true, classLabel: c, word: String(c) });
      expect(parsePrompt(NAMES[c]!, DIGIT_WORDS)).toEqual({ ok: true, classLabel: c, word: NAMES[c] });
    }
  });

  it('ignores case, surrounding and doubled spaces, one leading article and one pair of quotes', () => {
    for (const text of ['SEVEN', 'Seven', '  seven  ', '\tseven\n', 'a seven', 'A Seven', 'the seven', 'an  seven', 'the 7', ' a 7 ', '"seven"', '“seven”', "'7'", '"a seven"', '  " Seven " ']) {
      expect(classOf(text)).toBe(7);
    }
    expect(classOf('an eight')).toBe(8);
    expect(classOf('the zero')).toBe(0);
  });

  it('refuses unknown words, listing every known word', () => {
    for (const text of ['seventy', 'sevens', '7s', 'ring', 'digit seven', 'seven eight', 'a a seven', 'the', 'a', 'sev en', 'se7en']) {
      const m = refusal(text);
      expect(m).toContain(`“${text.trim()}”`);
      expect(m).toContain('not a word this model knows');
      for (let c = 0; c < 10; c++) expect(m).toContain(`${c} or ${NAMES[c]}`);
    }
  });

  it('refuses numbers that are not one of the ten digits as written in the table', () => {
    for (const text of ['10', '3.5', '-1', '07', '7.0', '1e1', '٧', '７']) expect(refusal(text)).toContain('not a word this model knows');
  });

  it('refuses empty and blank input, asking for a word and listing the known ones', () => {
    for (const text of ['', ' ', '\n\t ']) {
      const m = refusal(text);
      expect(m).toMatch(/^Type a word/);
      expect(m).toContain('9 or nine');
    }
    // A pair of quotes with nothing inside is a prompt of nothing, not a word.
    expect(refusal('""')).toContain('not a word this model knows');
  });

  it('refuses very long input without looking it up, quoting only its start', () => {
    const long = `seven ${'x'.repeat(5000)}`;
    const m = refusal(long);
    expect(m).toContain(`longer than ${MAX_PROMPT_LENGTH} characters`);
    expect(m).toContain('“seven xxxxxxxxxxxxxx…”'); // the first 20 characters, then an ellipsis
    expect(m.length).toBeLessThan(400);
    expect(classOf('seven'.padEnd(MAX_PROMPT_LENGTH, ' '))).toBe(7); // at the limit: still looked up
    expect(refusal(' '.repeat(MAX_PROMPT_LENGTH) + 'seven')).toContain('longer than');
  });

  it('never throws, whatever the string', () => {
    for (const text of ['\u0000', '\ud83d', '😀'.repeat(50), '(', '[a-z]*', '.*', 'a '.repeat(19)]) {
      expect(() => parsePrompt(text, DIGIT_WORDS)).not.toThrow();
      expect(parsePrompt(text, DIGIT_WORDS).ok).toBe(false);
    }
    expect(refusal('😀'.repeat(50))).toContain(`“${'😀'.repeat(20)}…”`); // cut by character, not half an emoji
  });

  it('uses the vocabulary it is given, so another model (shapes) brings its own words', () => {
    const shapes = [['ring', 'circle'], ['bar']];
    expect(parsePrompt('a Circle', shapes)).toEqual({ ok: true, classLabel: 0, word: 'circle' });
    expect(parsePrompt('bar', shapes)).toEqual({ ok: true, classLabel: 1, word: 'bar' });
    const r = parsePrompt('seven', shapes);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('Known words: ring or circle, bar.');
  });
});

describe('SHAPE_WORDS', () => {
  it('names the six shapes in the generator\'s class order, each word once', async () => {
    const { SHAPE_CLASSES } = await import('../datasets/shapes');
    const { SHAPE_WORDS } = await import('./promptClass');
    expect(SHAPE_WORDS.map((w) => w[0])).toEqual([...SHAPE_CLASSES]);
    const all = SHAPE_WORDS.flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('reads "ring", "a ring", "Plus" and refuses "hexagon" with every known shape word', async () => {
    const { SHAPE_WORDS } = await import('./promptClass');
    expect(parsePrompt('ring', SHAPE_WORDS)).toEqual({ ok: true, classLabel: 4, word: 'ring' });
    expect(parsePrompt('a ring', SHAPE_WORDS)).toMatchObject({ ok: true, classLabel: 4 });
    expect(parsePrompt('Plus', SHAPE_WORDS)).toMatchObject({ ok: true, classLabel: 3 });
    const r = parsePrompt('hexagon', SHAPE_WORDS);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('“hexagon” is not a word this model knows');
      for (const w of ['circle', 'square', 'triangle', 'cross', 'ring', 'bar']) expect(r.message).toContain(w);
      expect(r.message).not.toContain('seven');
    }
    expect(parsePrompt('seven', SHAPE_WORDS).ok).toBe(false);
  });
});
