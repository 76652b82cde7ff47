/**
 * The engine's settings table (issue 13, items 1 and 6): its rows keep today's ranges and
 * defaults, and everything derived from them (config type and mapping, saved-model keys,
 * reconfiguring keys, the worker's validation) agrees with them.
 */
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../worker/validateRequest';
import { ENGINE_SETTING_KEYS, ENGINE_SETTINGS, keysWithEffect, settingRow, type EngineSettings } from './engineSettings';
import { inRowRange } from './settingRange';
import {
  ARCHITECTURE_FIELDS, CONFIG_SETTING_KEYS, configKeyOf, FIXED_CONFIG, MODEL_KEYS, RECONFIGURING_CONFIG_KEYS, sameEngineConfig, sessionConfigFrom,
  settingsFromConfig, withSettingDefaults, type SessionConfig,
} from './sessionConfig';

const DEFAULTS = Object.fromEntries(ENGINE_SETTING_KEYS.map((k) => [k, ENGINE_SETTINGS[k].default])) as EngineSettings;

describe('the rows', () => {
  it("keep the ranges and defaults links had before (the page table's rows of e04e6d7), plus ema", () => {
    const numeric = (k: keyof typeof ENGINE_SETTINGS) => {
      const r = settingRow(k);
      return r.kind === 'enum' ? null : { kind: r.kind, min: r.min, max: r.max, default: r.default, ...(r.exclusiveMin ? { exclusiveMin: true } : {}) };
    };
    expect(numeric('T')).toEqual({ kind: 'int', min: 10, max: 1000, default: 1000 });
    expect(numeric('width')).toEqual({ kind: 'int', min: 16, max: 512, default: 128 });
    expect(numeric('depth')).toEqual({ kind: 'int', min: 1, max: 6, default: 3 });
    expect(numeric('lr')).toEqual({ kind: 'float', min: 0, max: 1, exclusiveMin: true, default: 2e-3 });
    expect(numeric('batch')).toEqual({ kind: 'int', min: 16, max: 2048, default: 256 });
    expect(numeric('eta')).toEqual({ kind: 'float', min: 0, max: 1, default: 0 });
    expect(numeric('steps')).toEqual({ kind: 'int', min: 1, max: 1000, default: 50 });
    expect(numeric('seed')).toEqual({ kind: 'seed', min: 0, max: 2147483647, default: 0 });
    expect(numeric('ema')).toEqual({ kind: 'float', min: 0, max: 0.9999, default: 0.995 });
    expect(ENGINE_SETTINGS.dataset.options).toEqual(['twoMoons', 'swissRoll', 'eightGaussians', 'checkerboard', 'rings', 'spiral']);
    expect(ENGINE_SETTINGS.schedule.options).toEqual(['linear', 'quadratic', 'cosine', 'sigmoid']);
    expect(ENGINE_SETTINGS.sampler.options).toEqual(['ddpm', 'ddim']);
    expect(ENGINE_SETTINGS.backend.options).toEqual(['auto', 'webgpu', 'webgl', 'wasm', 'cpu']);
    expect([ENGINE_SETTINGS.dataset.default, ENGINE_SETTINGS.schedule.default, ENGINE_SETTINGS.sampler.default, ENGINE_SETTINGS.backend.default]).toEqual(['twoMoons', 'linear', 'ddim', 'auto']);
    expect(ENGINE_SETTINGS.lr.scale).toBe('log');
  });

  it("every row's default is inside its range or among its options, and every option label names an option", () => {
    for (const key of ENGINE_SETTING_KEYS) {
      const row = settingRow(key);
      if (row.kind === 'enum') {
        expect(row.options, key).toContain(row.default);
        for (const labelled of Object.keys(row.optionLabels ?? {})) expect(row.options, key).toContain(labelled);
      } else {
        expect(inRowRange(row, row.default), key).toBe(true);
        expect(row.min, key).toBeLessThan(row.max);
      }
      expect(row.label.length, key).toBeGreaterThan(0);
    }
  });

  it('sorts the settings by what a change invalidates', () => {
    expect(keysWithEffect('model')).toEqual(['dataset', 'schedule', 'T', 'width', 'depth']);
    expect(keysWithEffect('training')).toEqual(['lr', 'batch', 'ema', 'seed']);
    expect(keysWithEffect('sampling')).toEqual(['sampler', 'eta', 'steps']);
    expect(keysWithEffect('engine')).toEqual(['backend']);
    expect(keysWithEffect('model', 'training', 'sampling', 'engine').sort()).toEqual([...ENGINE_SETTING_KEYS].sort());
  });
});

describe('settings ⇄ session config', () => {
  it('names the config fields: lr → learningRate, batch → batchSize, ema → emaDecay, the rest as they are', () => {
    expect(CONFIG_SETTING_KEYS.map((k) => [k, configKeyOf(k)])).toEqual([
      ['dataset', 'dataset'], ['schedule', 'schedule'], ['T', 'T'], ['width', 'width'], ['depth', 'depth'],
      ['lr', 'learningRate'], ['batch', 'batchSize'], ['ema', 'emaDecay'], ['seed', 'seed'],
    ]);
  });

  it('the default settings give the default session: the fixed fields and each setting in its field', () => {
    expect(sessionConfigFrom(DEFAULTS)).toEqual({
      dataset: 'twoMoons', nPoints: 8000, schedule: 'linear', T: 1000, width: 128, depth: 3, timeEmbedDim: 32, inputEmbedDim: 32, prediction: 'eps',
      optimizer: 'adam', learningRate: 2e-3, batchSize: 256, emaDecay: 0.995, seed: 0,
    });
  });

  it('settingsFromConfig(sessionConfigFrom(s)) gives back every config setting of s, at the defaults and with each one changed', () => {
    const changed: Array<Partial<EngineSettings>> = [
      {}, { dataset: 'spiral' }, { schedule: 'cosine' }, { T: 10 }, { width: 512 }, { depth: 1 }, { lr: 1e-8 }, { batch: 2048 }, { ema: 0 }, { ema: 0.9999 }, { seed: 2 ** 31 - 1 },
      { dataset: 'rings', schedule: 'sigmoid', T: 257, width: 33, depth: 6, lr: 1, batch: 17, ema: 0.5, seed: 12345 },
    ];
    for (const change of changed) {
      const s = { ...DEFAULTS, ...change };
      const want = Object.fromEntries(CONFIG_SETTING_KEYS.map((k) => [k, s[k]]));
      expect(settingsFromConfig(sessionConfigFrom(s)), JSON.stringify(change)).toEqual(want);
    }
  });

  it('a drawing is not a setting: settingsFromConfig leaves the dataset out and gives the rest', () => {
    const drawn: SessionConfig = { ...sessionConfigFrom(DEFAULTS), dataset: 'custom', points: new Float32Array([0, 0, 1, 1]), learningRate: 0.05 };
    const back = settingsFromConfig(drawn);
    expect('dataset' in back).toBe(false);
    expect(back).toMatchObject({ lr: 0.05, schedule: 'linear', ema: 0.995 });
  });

  it("the saved-model keys are the 'model' rows' fields then the architecture fields, in the order stored models are filed under", () => {
    expect(MODEL_KEYS).toEqual(['dataset', 'schedule', 'T', 'width', 'depth', 'timeEmbedDim', 'inputEmbedDim', 'prediction']);
    expect(MODEL_KEYS).toEqual([...keysWithEffect('model').map((k) => settingRow(k).configKey), ...ARCHITECTURE_FIELDS]);
    for (const k of ARCHITECTURE_FIELDS) expect(FIXED_CONFIG[k]).toBeDefined();
  });

  it("a change of any 'model' or 'training' field is a new session; a new array of points too; nPoints alone is not", () => {
    expect(RECONFIGURING_CONFIG_KEYS).toEqual(['dataset', 'schedule', 'T', 'width', 'depth', 'learningRate', 'batchSize', 'emaDecay', 'seed']);
    const base = sessionConfigFrom(DEFAULTS);
    const other: Partial<SessionConfig> = { dataset: 'spiral', schedule: 'cosine', T: 100, width: 64, depth: 2, learningRate: 0.01, batchSize: 64, emaDecay: 0.9, seed: 3 };
    for (const [k, v] of Object.entries(other)) expect(sameEngineConfig(base, { ...base, [k]: v }), k).toBe(false);
    expect(sameEngineConfig(base, { ...base })).toBe(true);
    expect(sameEngineConfig(base, { ...base, nPoints: 100 })).toBe(true);
    expect(sameEngineConfig({ ...base, points: new Float32Array(2) }, { ...base, points: new Float32Array(2) })).toBe(false);
  });

  it('withSettingDefaults fills only the settings a stored config lacks', () => {
    expect(withSettingDefaults({ dataset: 'spiral', learningRate: 0.5 })).toEqual({
      dataset: 'spiral', learningRate: 0.5, schedule: 'linear', T: 1000, width: 128, depth: 3, batchSize: 256, emaDecay: 0.995, seed: 0,
    });
  });
});

describe("the worker's validation of a config reads the rows", () => {
  const config = sessionConfigFrom(DEFAULTS);
  const check = (field: string, value: unknown) => validateRequest({ type: 'configure', id: 1, config: { ...config, [field]: value } });

  for (const key of CONFIG_SETTING_KEYS) {
    const row = settingRow(key);
    const field = configKeyOf(key);
    if (row.kind === 'enum') {
      it(`${field}: takes each option of ${key}, refuses others`, () => {
        for (const option of row.options) expect(check(field, option), option).toMatchObject({ ok: true });
        expect(check(field, 'nonsense')).toMatchObject({ ok: false, field: `config.${field}` });
      });
      continue;
    }
    it(`${field}: takes the bounds of ${key}, refuses just outside them`, () => {
      const refused = (v: unknown) => expect(check(field, v), String(v)).toMatchObject({ ok: false, field: `config.${field}` });
      const taken = (v: unknown) => expect(check(field, v), String(v)).toMatchObject({ ok: true });
      taken(row.max);
      refused(row.kind === 'float' ? row.max + 1e-9 : row.max + 1);
      if (row.exclusiveMin) {
        refused(row.min);
        taken(row.min + 1e-12);
      } else {
        taken(row.min);
        refused(row.kind === 'float' ? row.min - 1e-9 : row.min - 1);
      }
      if (row.kind !== 'float') refused(row.min + 0.5);
      refused(Number.NaN);
      refused(String(row.default));
      refused(undefined);
    });
  }
});
