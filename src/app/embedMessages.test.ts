import { describe, expect, it } from 'vitest';
import { acceptsSender, MESSAGE_SOURCE, parseHostCommand } from './embedMessages';

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
});
