/**
 * The size limit on model files (src/engine/modelFile.ts) is checked against the largest network
 * the settings table allows, built and encoded for real, so a wider range in the table can never
 * make the playground refuse its own exports.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkModelFileSize, encodeModelFile, MAX_MODEL_FILE_BYTES, ModelFileError } from '../modelFile';
import { SETTINGS_TABLE } from '../../state/settingsTable';
import { Denoiser } from './denoiser';
import { DEFAULT_DENOISER, resolveDenoiserConfig } from './denoiserConfig';
import { useTestBackend } from './testBackend';

describe('model file size limit', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('the widest, deepest network the settings allow, in float32, fits under the limit', async () => {
    const width = SETTINGS_TABLE.width.max as number;
    const depth = SETTINGS_TABLE.depth.max as number;
    const model = new Denoiser(resolveDenoiserConfig({ ...DEFAULT_DENOISER, dim: 2, T: 1000, width, depth }), 1);
    const bytes = encodeModelFile({ config: { width, depth }, step: 1, weights: await model.getWeights() }, 'float32');
    model.dispose();
    expect(bytes.length).toBeLessThan(MAX_MODEL_FILE_BYTES);
    expect(() => checkModelFileSize(bytes.length)).not.toThrow();
  });

  it('a 200 MB file is refused by its size alone, with a message that says why', () => {
    expect(() => checkModelFileSize(200 * 2 ** 20)).toThrow(ModelFileError);
    expect(() => checkModelFileSize(200 * 2 ** 20)).toThrow(/200 MB.*at most 32 MB/);
  });
});
