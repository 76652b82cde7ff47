import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING, DEFAULT_SESSION } from '../state/sessionDefaults';
import { SETTINGS_TABLE } from '../state/settingsTable';
import { validateRequest } from './validateRequest';

describe('validateRequest', () => {
  const good: unknown[] = [
    { type: 'init', id: 1, backend: 'auto' },
    { type: 'configure', id: 2, config: DEFAULT_SESSION },
    { type: 'configure', id: 2, config: { ...DEFAULT_SESSION, dataset: 'custom', points: new Float32Array([0, 0, 1, 1]) } },
    { type: 'train', id: 3, runId: 1, model: 'main', action: 'start' },
    { type: 'train', id: 3, runId: 1, model: 'main', action: 'step', steps: 10 },
    { type: 'sample', id: 4, runId: 2, model: 'main', options: DEFAULT_SAMPLING },
    { type: 'sample', id: 4, runId: 2, model: 'main', options: { ...DEFAULT_SAMPLING, method: 'ddpm', stopAt: 1 } },
    { type: 'ack', id: 5, runId: 2, chunk: 0 },
    { type: 'forward', id: 6, n: 100, every: 10, seed: 0 },
    { type: 'elbo', id: 7, n: 64, seed: 0 },
    { type: 'exportWeights', id: 8 },
    { type: 'reset', id: 9, model: 'main' },
    { type: 'reset', id: 9, model: 'signals' },
    { type: 'describe', id: 11 },
    { type: 'train', id: 10, runId: 3, model: 'signals', action: 'start' },
    { type: 'train', id: 10, runId: 3, model: 'oneShot', action: 'step', steps: 50 },
    { type: 'sample', id: 10, runId: 3, model: 'guided', options: { n: 300, seed: 4, classLabel: 2, w: 3.5 } },
    { type: 'sample', id: 10, runId: 3, model: 'oneShot', options: { n: 6, seed: 4 } },
    { type: 'init', id: 1, backend: 'auto', base: 'https://example.org/course/diffusion/index.html?chapter=8' },
    { type: 'init', id: 1, backend: 'wasm', base: 'http://localhost:4173/' },
    { type: 'train', id: 10, runId: 3, model: 'images', action: 'start' },
    { type: 'train', id: 10, runId: 3, model: 'images', action: 'step', steps: 200 },
    { type: 'train', id: 10, runId: 3, model: 'images', action: 'pause' },
    { type: 'reset', id: 9, model: 'images' },
    { type: 'sample', id: 10, runId: 3, model: 'images', options: { n: 16, seed: 7, w: 0, steps: 50 } },
    { type: 'sample', id: 10, runId: 3, model: 'images', options: { n: 100, seed: 7, classLabel: 9, w: 2, steps: 1000, eta: 1, score: true } },
    { type: 'sample', id: 10, runId: 3, model: 'images', options: { n: 2, seed: 0, classLabel: 0, w: -1, steps: 1, score: true } },
    { type: 'sample', id: 10, runId: 3, model: 'images', options: { n: 8, seed: 1, w: 0, steps: 20, frames: 10, nearest: true } },
    { type: 'sample', id: 10, runId: 3, model: 'images', options: { n: 8, seed: 1, w: 0, steps: 20, frames: 21 } },
    { type: 'imageLikelihood', id: 12, images: new Float32Array(64).fill(-1), seed: 0 },
    { type: 'imageLikelihood', id: 12, images: Float32Array.from({ length: 3 * 64 }, (_, k) => -1 + (k % 17) / 8), seed: 4 },
    { type: 'imageModelStart', id: 13, from: 'pretrained' },
    { type: 'imageModelStart', id: 13, from: 'scratch' },
    { type: 'imageModelExport', id: 14 },
    { type: 'imageModelLoad', id: 15, bytes: new ArrayBuffer(8), name: 'digits-step8000.dpmodel' },
  ];
  for (const message of good) {
    it(`accepts a well-formed ${(message as { type: string }).type}`, () => {
      expect(validateRequest(message)).toMatchObject({ ok: true });
    });
  }

  const bad: Array<[string, unknown, string]> = [
    ['an unknown type', { type: 'explode', id: 1 }, 'type'],
    ['no type at all', 42, 'type'],
    ['a missing id', { type: 'reset' }, 'id'],
    ['an unknown backend', { type: 'init', id: 1, backend: 'tpu' }, 'backend'],
    ['T out of range', { type: 'configure', id: 1, config: { ...DEFAULT_SESSION, T: 1 } }, 'config.T'],
    ['a string learning rate', { type: 'configure', id: 1, config: { ...DEFAULT_SESSION, learningRate: 'fast' } }, 'config.learningRate'],
    ['a missing config field', { type: 'configure', id: 1, config: { ...DEFAULT_SESSION, batchSize: undefined } }, 'config.batchSize'],
    ['custom points that are not a Float32Array', { type: 'configure', id: 1, config: { ...DEFAULT_SESSION, dataset: 'custom', points: [1, 2] } }, 'config.points'],
    ['η above 1', { type: 'sample', id: 1, runId: 1, model: 'main', options: { ...DEFAULT_SAMPLING, eta: 2 } }, 'options.eta'],
    ['a non-integer trace index', { type: 'sample', id: 1, runId: 1, model: 'main', options: { ...DEFAULT_SAMPLING, trace: [0.5] } }, 'options.trace'],
    ['a negative stopAt', { type: 'sample', id: 1, runId: 1, model: 'main', options: { ...DEFAULT_SAMPLING, stopAt: -1 } }, 'options.stopAt'],
    ['an unknown train action', { type: 'train', id: 1, runId: 1, action: 'sprint' }, 'action'],
    ['a train request naming no model', { type: 'train', id: 1, runId: 1, action: 'start' }, 'model'],
    ['an unknown model', { type: 'train', id: 1, runId: 1, model: 'video', action: 'start' }, 'model'],
    ['a relative base URL', { type: 'init', id: 1, backend: 'auto', base: 'data/' }, 'base'],
    ['a base URL that is not a web address', { type: 'init', id: 1, backend: 'auto', base: 'javascript:alert(1)' }, 'base'],
    ['a base that is not a string', { type: 'init', id: 1, backend: 'auto', base: 42 }, 'base'],
    ['an image class above 9 (the digits have ten)', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, classLabel: 10, w: 1, steps: 50 } }, 'options.classLabel'],
    ['a fractional image class', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, classLabel: 2.5, w: 1, steps: 50 } }, 'options.classLabel'],
    ['an image sample without steps', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, w: 1 } }, 'options.steps'],
    ['more DDIM steps than the schedule has (T = 1000)', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, w: 1, steps: 1001 } }, 'options.steps'],
    ['an image sample without a guidance weight', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, steps: 50 } }, 'options.w'],
    ['an image guidance weight below −1', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, w: -2, steps: 50 } }, 'options.w'],
    ['an image η above 1', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, w: 0, steps: 50, eta: 1.5 } }, 'options.eta'],
    ['score given as a string', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, w: 0, steps: 50, score: 'yes' } }, 'options.score'],
    ['too many images', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 1001, seed: 0, w: 0, steps: 50 } }, 'options.n'],
    ['a scored sample of one image (a Fréchet distance needs two)', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 1, seed: 0, w: 0, steps: 50, score: true } }, 'options.n'],
    ['guided-blob options for an image sample (no steps)', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, classLabel: 1, w: 1 } }, 'options.steps'],
    ['frames below 2 (a chain needs its start and end)', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, w: 0, steps: 20, frames: 1 } }, 'options.frames'],
    ['more frames than the chain has states (steps + 1)', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, w: 0, steps: 20, frames: 22 } }, 'options.frames'],
    ['fractional frames', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, w: 0, steps: 20, frames: 2.5 } }, 'options.frames'],
    ['nearest given as a number', { type: 'sample', id: 1, runId: 1, model: 'images', options: { n: 4, seed: 0, w: 0, steps: 20, nearest: 1 } }, 'options.nearest'],
    ['likelihood images as a plain list', { type: 'imageLikelihood', id: 1, images: new Array(64).fill(-1), seed: 0 }, 'images'],
    ['likelihood images that are no whole image (63 pixels)', { type: 'imageLikelihood', id: 1, images: new Float32Array(63).fill(-1), seed: 0 }, 'images'],
    ['no likelihood images', { type: 'imageLikelihood', id: 1, images: new Float32Array(0), seed: 0 }, 'images'],
    ['more than 64 likelihood images', { type: 'imageLikelihood', id: 1, images: new Float32Array(65 * 64).fill(-1), seed: 0 }, 'images'],
    ['a NaN pixel', { type: 'imageLikelihood', id: 1, images: new Float32Array(64).fill(-1).fill(NaN, 5, 6), seed: 0 }, 'images'],
    ['an infinite pixel', { type: 'imageLikelihood', id: 1, images: new Float32Array(64).fill(-1).fill(Infinity, 5, 6), seed: 0 }, 'images'],
    ['a pixel between grey levels', { type: 'imageLikelihood', id: 1, images: new Float32Array(64).fill(-1).fill(-0.95, 5, 6), seed: 0 }, 'images'],
    ['a pixel above 1', { type: 'imageLikelihood', id: 1, images: new Float32Array(64).fill(-1).fill(1.125, 5, 6), seed: 0 }, 'images'],
    ['a likelihood request without a seed', { type: 'imageLikelihood', id: 1, images: new Float32Array(64).fill(-1) }, 'seed'],
    ['a negative likelihood seed', { type: 'imageLikelihood', id: 1, images: new Float32Array(64).fill(-1), seed: -1 }, 'seed'],
    ['a likelihood request without an id', { type: 'imageLikelihood', images: new Float32Array(64).fill(-1), seed: 0 }, 'id'],
    ['an image model start from elsewhere', { type: 'imageModelStart', id: 1, from: 'file' }, 'from'],
    ['a model file given as a typed array, not its buffer', { type: 'imageModelLoad', id: 1, bytes: new Uint8Array(8), name: 'a.dpmodel' }, 'bytes'],
    ['a model file without a name', { type: 'imageModelLoad', id: 1, bytes: new ArrayBuffer(8) }, 'name'],
    ['a sample of an unknown model', { type: 'sample', id: 1, runId: 1, model: 'sine', options: { n: 4, seed: 0 } }, 'model'],
    ['a reset naming no model', { type: 'reset', id: 1 }, 'model'],
    ['a guidance weight above 20', { type: 'sample', id: 1, runId: 1, model: 'guided', options: { n: 4, seed: 0, classLabel: 0, w: 50 } }, 'options.w'],
    ['a negative class', { type: 'sample', id: 1, runId: 1, model: 'guided', options: { n: 4, seed: 0, classLabel: -1, w: 1 } }, 'options.classLabel'],
    ['a guided sample without a class', { type: 'sample', id: 1, runId: 1, model: 'guided', options: { n: 4, seed: 0, w: 1 } }, 'options.classLabel'],
    ['too many lab samples', { type: 'sample', id: 1, runId: 1, model: 'signals', options: { n: 1e6, seed: 0 } }, 'options.n'],
    ['a lab sample without a seed', { type: 'sample', id: 1, runId: 1, model: 'oneShot', options: { n: 4 } }, 'options.seed'],
    ['main-model options for a signals sample (no n)', { type: 'sample', id: 1, runId: 1, model: 'signals', options: { ...DEFAULT_SAMPLING, n: undefined } }, 'options.n'],
    ['signal options for a main sample', { type: 'sample', id: 1, runId: 1, model: 'main', options: { n: 4, seed: 0 } }, 'options.method'],
  ];
  for (const [name, message, field] of bad) {
    it(`rejects ${name}, naming ${field}`, () => {
      const result = validateRequest(message);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.field).toBe(field);
        expect(result.message).toContain(`${field} must be`);
      }
    });
  }

  it('echoes the id of a bad request so the page can match the error to it', () => {
    expect(validateRequest({ type: 'init', id: 77, backend: 'tpu' })).toMatchObject({ ok: false, id: 77 });
  });
  // Issue 16, items 2 and 7: one range per setting, read from the settings table by the page and the worker alike.
  const ROWS = [['T', 'T'], ['width', 'width'], ['depth', 'depth'], ['lr', 'learningRate'], ['batch', 'batchSize'], ['seed', 'seed']] as const;
  for (const [key, field] of ROWS) {
    it(`config.${field} takes exactly the settings table's ${key} range`, () => {
      const row = SETTINGS_TABLE[key];
      const at = (v: number) => validateRequest({ type: 'configure', id: 1, config: { ...DEFAULT_SESSION, [field]: v } }).ok;
      expect(at(row.max)).toBe(true);
      expect(at(row.kind === 'int' ? row.max + 1 : row.max * 1.0001)).toBe(false);
      if (key === 'lr') {
        expect(at(1e-8)).toBe(true); // the table takes it, so the worker does
        expect(at(0)).toBe(false);
      } else {
        expect(at(row.min)).toBe(true);
        expect(at(row.min - 1)).toBe(false);
      }
    });
  }

  it('an imported model with batch 65536, lr 10, seed 2^32 - 1 or T 10000 is refused, naming the field and the range', () => {
    for (const [field, v, range] of [['batchSize', 65536, '[16, 2048]'], ['learningRate', 10, '(0, 1]'], ['seed', 2 ** 32 - 1, '[0, 2147483647]'], ['T', 10000, '[10, 1000]']] as const) {
      const result = validateRequest({ type: 'importModel', id: 1, config: { ...DEFAULT_SESSION, [field]: v }, weights: [{ name: 'w', shape: [1], values: new Float32Array(1) }], step: 0 });
      expect(result).toMatchObject({ ok: false, field: `config.${field}` });
      if (!result.ok) expect(result.message).toContain(range);
    }
  });
});

describe('validateRequest: latent diffusion', () => {
  it('accepts latentStart for d = 2 and 8 and latent samples up to 2000 codes, scored or not', () => {
    for (const m of [
      { type: 'latentStart', id: 1, d: 2 },
      { type: 'latentStart', id: 1, d: 8, fresh: true },
      { type: 'train', id: 2, runId: 1, model: 'latent', action: 'start' },
      { type: 'reset', id: 3, model: 'latent' },
      { type: 'sample', id: 4, runId: 2, model: 'latent', options: { n: 2000, seed: 21, score: true, owner: 'latent-space' } },
      { type: 'sample', id: 4, runId: 2, model: 'latent', options: { n: 1, seed: 0 } },
    ]) expect(validateRequest(m)).toMatchObject({ ok: true });
  });

  it('refuses another latent size, too many codes, and a scored sample of one code, naming the field', () => {
    expect(validateRequest({ type: 'latentStart', id: 1, d: 4 })).toMatchObject({ ok: false, field: 'd' });
    expect(validateRequest({ type: 'latentStart', id: 1, d: 8, fresh: 'yes' })).toMatchObject({ ok: false, field: 'fresh' });
    expect(validateRequest({ type: 'sample', id: 4, runId: 2, model: 'latent', options: { n: 2001, seed: 0 } })).toMatchObject({ ok: false, field: 'options.n' });
    expect(validateRequest({ type: 'sample', id: 4, runId: 2, model: 'latent', options: { n: 1, seed: 0, score: true } })).toMatchObject({ ok: false, field: 'options.n' });
    expect(validateRequest({ type: 'sample', id: 4, runId: 2, model: 'latent', options: { n: 10, seed: -1 } })).toMatchObject({ ok: false, field: 'options.seed' });
  });
});
