import { describe, expect, it } from 'vitest';
import { checkSetting, CONTROL_KEYS, hiddenKeys, DEFAULT_SETTINGS, INVALID_ORIGIN, parseOrigin, parseSettings, settingsToParams, SETTINGS_TABLE } from './settingsTable';

describe('the settings table', () => {
  it('a link with no settings gives the defaults and no notices', () => {
    const { settings, notices } = parseSettings('');
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(notices).toEqual([]);
  });

  it('reads valid values of every kind', () => {
    const { settings, notices } = parseSettings('?dataset=spiral&schedule=cosine&T=200&lr=0.01&sampler=ddpm&eta=0.5&seed=7&t=150&backend=wasm&controls=hidden&chapter=03-forward-process');
    expect(notices).toEqual([]);
    expect(settings).toMatchObject({ dataset: 'spiral', schedule: 'cosine', T: 200, lr: 0.01, sampler: 'ddpm', eta: 0.5, seed: 7, t: 150, backend: 'wasm', controls: 'hidden', chapter: '03-forward-process' });
  });

  it('T=-5&lr=abc&unknown=1 opens with valid values and says what it changed', () => {
    const { settings, notices } = parseSettings('?T=-5&lr=abc&unknown=1');
    expect(settings.T).toBe(SETTINGS_TABLE.T.min); // clamped up to the smallest T
    expect(settings.lr).toBe(DEFAULT_SETTINGS.lr); // malformed: dropped
    expect(notices).toHaveLength(2); // T and lr; t follows the new T silently (it was not in the link)
    expect(notices.join(' ')).toMatch(/T="-5"/);
    expect(notices.join(' ')).toMatch(/lr="abc" is not a number/);
    expect(notices.join(' ')).not.toMatch(/unknown/);
    expect(settings.t).toBeLessThanOrEqual(settings.T);
  });

  it('rounds whole-number settings, rejects unknown options, and lr = 0 falls back to the default', () => {
    const { settings, notices } = parseSettings('?T=99.6&dataset=mnist&lr=0&backend=tpu');
    expect(settings.T).toBe(100);
    expect(settings.dataset).toBe('twoMoons');
    expect(settings.lr).toBe(DEFAULT_SETTINGS.lr);
    expect(settings.backend).toBe('auto');
    expect(notices).toHaveLength(4);
    expect(settings.t).toBe(100);
  });

  it('a t larger than T in the link is clamped with a notice', () => {
    const { settings, notices } = parseSettings('?T=100&t=400');
    expect(settings.t).toBe(100);
    expect(notices).toEqual(['t=400 is larger than T=100; using 100.']);
  });

  it('writes only non-default settings, keeps foreign keys, and round-trips', () => {
    const changed = { ...DEFAULT_SETTINGS, T: 250, t: 100, dataset: 'rings' as const };
    const params = settingsToParams(changed, new URLSearchParams('page=bench&T=9'));
    expect(Object.fromEntries(params)).toEqual({ page: 'bench', T: '250', t: '100', dataset: 'rings' });
    expect(parseSettings(`?${params}`).settings).toEqual(changed);
  });
});

describe('hide: the controls a link hides', () => {
  it('keeps the named controls, in order and once each', () => {
    const { settings, notices } = parseSettings('?hide=lr,batch,seed,lr');
    expect(settings.hide).toBe('lr,batch,seed');
    expect(hiddenKeys(settings.hide)).toEqual(['lr', 'batch', 'seed']);
    expect(notices).toEqual(['hide="lr,batch,seed,lr" read as "lr,batch,seed".']);
    expect(parseSettings('?hide=sampler,eta').notices).toEqual([]);
  });

  it('drops a key that names no control, with a notice that names it, and keeps the rest', () => {
    const { settings, notices } = parseSettings('?hide=lr,nonsense,origin');
    expect(settings.hide).toBe('lr');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^hide="lr,nonsense,origin" names no controls "nonsense, origin"/);
  });

  it('offers every row but the page\'s own (chapter, controls, embed, origin, hide)', () => {
    expect(CONTROL_KEYS).toEqual(expect.arrayContaining(['dataset', 'schedule', 'T', 'width', 'depth', 'lr', 'batch', 'sampler', 'eta', 'steps', 'seed', 't', 'backend']));
    for (const page of ['chapter', 'controls', 'embed', 'origin', 'hide']) expect(CONTROL_KEYS).not.toContain(page);
    expect(hiddenKeys('')).toEqual([]);
  });
});

describe('hostile input (issue 16, items 5, 6, 11)', () => {
  it('an origin is a scheme, a host and a port in [1, 65535], nothing more', () => {
    expect(parseOrigin('https://course.example.org')).toBe('https://course.example.org');
    expect(parseOrigin('HTTP://Course.Example:8080')).toBe('http://course.example:8080');
    expect(parseOrigin('http://course.example:80')).toBe('http://course.example');
    expect(parseOrigin('http://[::1]:4173')).toBe('http://[::1]:4173');
    for (const bad of ['https://course.example.org/', 'https://course.example.org/lesson', 'garbage', 'http://host:99999', 'http://host:0', 'ftp://host', 'http://user@host', 'javascript:alert(1)', 'http://', 'http://a b', 'http://host?x', 'http://host#x', 'http:\\\\host', `https://${'a'.repeat(400)}.org`]) {
      expect(parseOrigin(bad), bad).toBeNull();
    }
  });

  it('an origin given but invalid fails closed, with a notice; an absent one stays empty', () => {
    for (const bad of ['https://course.example.org/', 'https://course.example.org/path', 'garbage', 'http://host:99999']) {
      const { settings, notices } = parseSettings(`?origin=${encodeURIComponent(bad)}`);
      expect(settings.origin, bad).toBe(INVALID_ORIGIN);
      expect(parseOrigin(settings.origin)).toBeNull();
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain('takes no commands and sends no events');
    }
    expect(parseSettings('?origin=https%3A%2F%2FCourse.example').settings.origin).toBe('https://course.example');
    expect(parseSettings('').settings.origin).toBe('');
    // The lock survives the URL being rewritten and read again.
    const locked = parseSettings('?origin=nope').settings;
    expect(parseSettings(`?${settingsToParams(locked)}`).settings.origin).toBe(INVALID_ORIGIN);
  });

  it('notices echo at most 80 characters of the input, and very long input is refused unparsed', () => {
    const { settings, notices } = parseSettings(`?dataset=${'x'.repeat(100_000)}&T=${'9'.repeat(5000)}&chapter=01-${'a'.repeat(2000)}`);
    expect(settings.dataset).toBe(DEFAULT_SETTINGS.dataset);
    expect(settings.T).toBe(DEFAULT_SETTINGS.T);
    expect(settings.chapter).toBe('');
    expect(notices).toHaveLength(3);
    for (const n of notices) {
      expect(n.length).toBeLessThan(200);
      expect(n).toContain('…');
    }
  });

  it('values of any type from a host page give a notice, never a throw', () => {
    for (const raw of [{ toString: 'x' }, [1, 2], null, undefined, Symbol('s'), 10n, true, () => 1]) {
      expect(() => checkSetting('t', raw)).not.toThrow();
      expect(() => checkSetting('dataset', raw)).not.toThrow();
      expect(checkSetting('dataset', raw).value).toBeUndefined();
      expect(checkSetting('dataset', raw).notice).toBeTruthy();
    }
  });
});

describe("the engine's rows in the page table (issue 13)", () => {
  it('the weight-average decay is ?ema=, 0.995 by default (not written to links), 0 turns it off, and above 0.9999 clamps', () => {
    expect(DEFAULT_SETTINGS.ema).toBe(0.995);
    expect(parseSettings('?ema=0')).toEqual({ settings: { ...DEFAULT_SETTINGS, ema: 0 }, notices: [] });
    const { settings, notices } = parseSettings('?ema=1');
    expect(settings.ema).toBe(0.9999);
    expect(notices).toEqual(['ema="1" is outside [0, 0.9999]; using 0.9999.']);
    expect(settingsToParams(DEFAULT_SETTINGS).toString()).toBe('');
    expect(settingsToParams({ ...DEFAULT_SETTINGS, ema: 0.99 }).toString()).toBe('ema=0.99');
  });

  it('a seed is a whole number in [0, 2^31 − 1], as before it had a kind of its own', () => {
    expect(checkSetting('seed', '7.4')).toEqual({ value: 7, notice: 'seed="7.4" must be a whole number; using 7.' });
    expect(checkSetting('seed', '-1')).toEqual({ value: 0, notice: 'seed="-1" is outside [0, 2147483647]; using 0.' });
    expect(checkSetting('seed', '2147483648').value).toBe(2147483647);
  });
});
