import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS as DEFAULTS } from '../state/settingsTable';
import { acceptsSender, MAX_SET_KEYS, MESSAGE_SOURCE, parseHostCommand } from './embedMessages';

const source = MESSAGE_SOURCE;

describe('embed postMessage API', () => {
  it('accepts each documented command', () => {
    expect(parseHostCommand({ source, type: 'set', settings: { t: 3 } })).toEqual({ type: 'set', settings: { t: 3 } });
    expect(parseHostCommand({ source, type: 'step' })).toEqual({ type: 'step', delta: 1 });
    expect(parseHostCommand({ source, type: 'step', delta: -5 })).toEqual({ type: 'step', delta: -5 });
    for (const type of ['play', 'pause', 'reset', 'train', 'stopTraining', 'sample']) expect(parseHostCommand({ source, type })).toEqual({ type });
  });

  it('ignores anything malformed', () => {
    for (const bad of [null, 'play', 42, [], { type: 'play' }, { source: 'other', type: 'play' }, { source, type: 'explode' }, { source, type: 'set' }, { source, type: 'set', settings: [1] }, { source, type: 'step', delta: 0.5 }, { source, type: 'step', delta: '1' }, { source, type: 'step', delta: 1e9 }]) {
      expect(parseHostCommand(bad)).toBeNull();
    }
  });

  it('takes commands only from the parent page, and only from the allowed origin when one is set', () => {
    const parent = {};
    expect(acceptsSender({ source: parent, origin: 'https://course.example' }, parent, '')).toBe(true);
    expect(acceptsSender({ source: {}, origin: 'https://course.example' }, parent, '')).toBe(false);
    expect(acceptsSender({ source: parent, origin: 'https://evil.example' }, parent, 'https://course.example')).toBe(false);
    expect(acceptsSender({ source: parent, origin: 'https://Course.example' }, parent, 'https://course.example')).toBe(true);
  });

  it('an allowed origin that is not valid admits no one, not even a matching sender (fails closed)', () => {
    const parent = {};
    for (const allowed of ['https://course.example/', 'https://course.example/lesson', 'invalid', 'http://course.example:99999']) {
      expect(acceptsSender({ source: parent, origin: 'https://course.example' }, parent, allowed), allowed).toBe(false);
      expect(acceptsSender({ source: parent, origin: 'null' }, parent, allowed), allowed).toBe(false);
    }
  });

  it('a set keeps only the settings table\'s own keys, and one with more keys than the table is refused before they are read', () => {
    expect(parseHostCommand({ source, type: 'set', settings: { t: 3, mine: 1, constructor: 'x', __proto__: { T: 10 } } })).toEqual({ type: 'set', settings: { t: 3 } });
    const many: Record<string, number> = { t: 7 };
    for (let i = 0; i < 1_000_000; i++) many[`k${i}`] = i;
    const started = performance.now();
    const parsed = parseHostCommand({ source, type: 'set', settings: many });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parsed).toMatchObject({ type: 'refused' });
    expect((parsed as { notice: string }).notice).toContain(`more than ${MAX_SET_KEYS} keys`);
    const exactly = Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, 1]));
    expect(parseHostCommand({ source, type: 'set', settings: exactly })).toMatchObject({ type: 'set' });
  });
});
