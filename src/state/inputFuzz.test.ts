/**
 * Issue 16: property tests (fast-check) of everything that reads outside input: the URL parser,
 * a host page's messages (parseHostCommand, then updateSettings as the embed bridge applies them),
 * and the engine worker's message validator. Random keys and values never throw, never produce a
 * value outside its row of the settings table, and every value that is not taken exactly as given
 * is named in a notice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_SOURCE, parseHostCommand } from '../app/embedMessages';
import { validateRequest } from '../worker/validateRequest';
import { inRange, type NumericKey } from './settingRanges';
import { currentSettings, settingsStore, updateSettings } from './settingsStore';
import { CONTROL_KEYS, DEFAULT_SETTINGS, INVALID_ORIGIN, parseOrigin, parseSettings, SETTING_KEYS, SETTINGS_TABLE, type SettingKey, type Settings } from './settingsTable';

const RUNS = 2000;
// One fixed seed, so CI runs the same cases every time; FUZZ_SEED=<n> explores others.
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261206) });

/** A value for a failure message: String() itself throws on objects like { toString: {} }. */
function show(v: unknown): string {
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

type AnyRow = { kind: string; options?: readonly string[]; pattern?: RegExp };
const rowOf = (key: SettingKey): AnyRow => SETTINGS_TABLE[key] as AnyRow;
const isNumeric = (key: SettingKey): key is NumericKey => ['int', 'float', 'seed'].includes(rowOf(key).kind);

/** True when `v` is a value the row allows. */
function inRow(key: SettingKey, v: unknown): boolean {
  const row = rowOf(key);
  if (isNumeric(key)) return inRange(key, v);
  if (typeof v !== 'string') return false;
  if (row.kind === 'enum') return row.options!.includes(v);
  if (row.kind === 'origin') return v === '' || v === INVALID_ORIGIN || parseOrigin(v) === v;
  if (row.kind === 'keys') return v === '' || v.split(',').every((k) => (CONTROL_KEYS as string[]).includes(k));
  return v === '' || row.pattern!.test(v);
}

/** True when the setting took `raw` as given (a number written another way, or an origin normalised, counts). */
function takenAsGiven(key: SettingKey, raw: unknown, value: unknown): boolean {
  if (isNumeric(key)) {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    return n === value;
  }
  if (rowOf(key).kind === 'origin' && typeof raw === 'string') return raw === '' ? value === '' : parseOrigin(raw) === value;
  return raw === value;
}

const tricky = fc.constantFrom('', ' ', '1e-8', '1e-7', '0', '-0', '1', '1.5', '999999', 'Infinity', '-Infinity', 'NaN', '0x10', '1e400', '10.5', 'null',
  'https://course.example.org', 'http://localhost:8080', 'https://a.b/', 'http://host:99999', 'javascript:alert(1)', 'constructor', '__proto__', 'x'.repeat(400),
  'cosine', 'ddim', 'wasm', 'hidden', '05-training', 'forward-process');
const rawText = fc.oneof(tricky, fc.string(), fc.string({ unit: 'binary', maxLength: 20 }), fc.double().map(String), fc.integer({ min: -5000, max: 5000 }).map(String));
const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SETTING_KEYS) }, { weight: 1, arbitrary: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')) });
const anyValue: fc.Arbitrary<unknown> = fc.oneof(rawText, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));

describe('the URL parser (fuzzed)', () => {
  it('never throws, keeps every setting in its row, and names every value it changed or dropped', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, rawText), { maxLength: 12 }), (pairs) => {
        const params = new URLSearchParams(pairs);
        const { settings, notices } = parseSettings(`?${params.toString()}`);
        for (const k of SETTING_KEYS) expect(inRow(k, settings[k]), `${k}=${show(settings[k])}`).toBe(true);
        expect(settings.t).toBeLessThanOrEqual(settings.T);
        for (const k of SETTING_KEYS) {
          const raw = params.get(k);
          if (raw === null) continue;
          const clampedByT = k === 't' && takenAsGiven(k, raw, DEFAULT_SETTINGS.t) === false && settings.t === settings.T;
          if (!takenAsGiven(k, raw, settings[k]) || clampedByT) expect(notices.some((n) => n.startsWith(`${k}=`)), `no notice for ${k}=${show(raw)}: ${notices.join(' | ')}`).toBe(true);
        }
        for (const n of notices) expect(n.length).toBeLessThan(500); // never the whole of a huge value
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a host page\'s messages (fuzzed)', () => {
  it('never throw; a set keeps every setting in its row and names every value it changed or dropped', () => {
    const message = fc.oneof(
      fc.record({ source: fc.constant(MESSAGE_SOURCE), type: fc.constant('set'), settings: fc.dictionary(key, anyValue, { maxKeys: 20 }) }),
      fc.record({ source: fc.oneof(fc.constant(MESSAGE_SOURCE), fc.string()), type: fc.oneof(fc.constantFrom('set', 'step', 'play', 'pause', 'reset', 'train', 'stopTraining', 'sample'), fc.string()), delta: anyValue, settings: anyValue }, { requiredKeys: [] }),
      anyValue,
    );
    fc.assert(
      fc.property(message, (data) => {
        settingsStore.setState({ ...DEFAULT_SETTINGS, notices: [] });
        const command = parseHostCommand(data);
        if (command === null) return;
        if (command.type === 'refused') {
          expect(command.notice.length).toBeGreaterThan(0);
          return;
        }
        if (command.type === 'step') expect(Number.isInteger(command.delta)).toBe(true);
        if (command.type !== 'set') return;
        const before: Settings = currentSettings();
        const notices = updateSettings(command.settings);
        const after = currentSettings();
        for (const k of SETTING_KEYS) expect(inRow(k, after[k]), `${k}=${show(after[k])}`).toBe(true);
        expect(after.t).toBeLessThanOrEqual(after.T);
        for (const k of Object.keys(command.settings) as SettingKey[]) {
          const raw = command.settings[k];
          const kept = takenAsGiven(k, raw, after[k]);
          if (!kept && !(k === 't' && after.t === after.T && before.t !== after.t && takenAsGiven(k, raw, before.t))) {
            expect(notices.some((n) => n.startsWith(`${k}=`)), `no notice for ${k}=${show(raw)}: ${notices.join(' | ')}`).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the engine worker\'s message validator (fuzzed)', () => {
  const base = { dataset: 'twoMoons', nPoints: 8000, schedule: 'linear', T: 1000, width: 128, depth: 3, timeEmbedDim: 32, inputEmbedDim: 32, prediction: 'eps', optimizer: 'adam', learningRate: 2e-3, batchSize: 256, seed: 0 };
  const FIELDS = Object.keys(base);
  const CONFIG_ROWS: Array<[string, NumericKey]> = [['T', 'T'], ['width', 'width'], ['depth', 'depth'], ['learningRate', 'lr'], ['batchSize', 'batch'], ['seed', 'seed']];
  const numberish = fc.oneof(fc.double(), fc.integer(), fc.integer({ min: 0, max: 5000 }), fc.constantFrom(0, 1e-8, 1, 2 ** 31 - 1, 2 ** 32 - 1, 65536, 10000, -1, Number.NaN, Infinity));
  // A valid config with up to three fields changed (or dropped), so each field's check is reached often.
  const config = fc
    .dictionary(fc.constantFrom(...FIELDS), fc.oneof({ weight: 3, arbitrary: numberish }, { weight: 1, arbitrary: anyValue }), { maxKeys: 3 })
    .map((changes) => ({ ...base, ...changes }));
  const request = fc.oneof(
    fc.record({ type: fc.constantFrom('configure', 'importModel'), id: fc.oneof(fc.nat(), anyValue), config, step: fc.oneof(fc.nat(), anyValue), weights: fc.constant([{ name: 'w', shape: [1], values: new Float32Array(1) }]) }, { requiredKeys: ['type', 'config'] }),
    fc.record({ type: fc.oneof(fc.constantFrom('init', 'train', 'sample', 'ack', 'forward', 'elbo', 'predict', 'exportWeights', 'reset', 'ping', 'describe'), fc.string()), id: anyValue, runId: anyValue, model: fc.oneof(fc.constantFrom('main', 'signals', 'oneShot', 'guided', 'images'), anyValue), action: anyValue, steps: anyValue, n: anyValue, seed: anyValue, options: anyValue, backend: anyValue, base: anyValue }, { requiredKeys: [] }),
    anyValue,
  );

  it('never throws; what it accepts is in the settings table\'s ranges; every refusal names its field and what it must be', () => {
    fc.assert(
      fc.property(request, (message) => {
        const result = validateRequest(message);
        if (result.ok) {
          const r = result.request as { type: string; config?: Record<string, unknown> };
          if (r.type === 'configure' || r.type === 'importModel') for (const [field, row] of CONFIG_ROWS) expect(inRange(row, r.config![field]), `${field}=${show(r.config![field])}`).toBe(true);
          return;
        }
        expect(result.field.length).toBeGreaterThan(0);
        expect(result.message).toMatch(result.field === 'type' ? /type must be one of/ : new RegExp(`${result.field.replace('.', '\\.')} must be`));
      }),
      { numRuns: RUNS },
    );
  });
});
