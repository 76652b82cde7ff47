import { describe, expect, it } from 'vitest';
import { ModelFileError } from '../modelFile';
import { BALL_CLIPS } from './bouncingBall';
import { checkVideoModelFile, videoModelFileConfig } from './videoModelFile';

const net = { width: 128, depth: 2, timeEmbedDim: 32, inputEmbedDim: 0, prediction: 'x0' as const };
const schedule = { kind: 'cosine' as const, T: 1000 };
const joint = videoModelFileConfig('joint', BALL_CLIPS, net, schedule);

describe('checkVideoModelFile', () => {
  it('accepts the model it describes and refuses another kind, model, clip size, network or schedule, naming it', () => {
    const file = (config: Record<string, unknown>) => ({ config, step: 1, weights: [] });
    expect(checkVideoModelFile(file({ ...joint }), joint).config.model).toBe('joint');
    // The same settings written in another key order are the same model.
    expect(checkVideoModelFile(file({ schedule: { T: 1000, kind: 'cosine' }, net: { ...net }, clips: { ...BALL_CLIPS }, model: 'joint', kind: 'video-ddpm' }), joint).config.kind).toBe('video-ddpm');
    const refusal = (config: Record<string, unknown>): string => {
      try {
        checkVideoModelFile(file(config), joint);
      } catch (e) {
        expect(e).toBeInstanceOf(ModelFileError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refusal({ kind: 'image-ddpm' })).toMatch(/not a video model/);
    expect(refusal({ ...joint, model: 'perFrame' })).toMatch(/model is "perFrame"/);
    expect(refusal({ ...joint, clips: { ...BALL_CLIPS, side: 16 } })).toMatch(/clips/);
    expect(refusal({ ...joint, net: { ...net, width: 256 } })).toMatch(/net/);
    expect(refusal({ ...joint, schedule: { kind: 'linear', T: 1000 } })).toMatch(/schedule/);
  });
});
