import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, settingsToParams, SETTINGS_TABLE } from './settingsTable';

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
