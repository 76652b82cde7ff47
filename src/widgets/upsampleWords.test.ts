import { describe, expect, it } from 'vitest';
import { upsamplerWords } from './upsampleWords';

describe('which upsampler drew the completions, in words', () => {
  it('tells the shipped weights, steps trained on top of them, and a model trained here from scratch apart', () => {
    expect(upsamplerWords({ kind: 'pretrained', steps: 8000 }, 8000)).toBe('the pretrained upsampler (8000 training steps)');
    expect(upsamplerWords({ kind: 'pretrained', steps: 8000 }, 8300)).toBe('the pretrained upsampler + 300 steps trained here (8300 training steps)');
    expect(upsamplerWords({ kind: 'untrained', steps: 0 }, 0)).toBe('the untrained upsampler (0 training steps)');
    expect(upsamplerWords({ kind: 'untrained', steps: 0 }, 1)).toBe('the upsampler trained here from scratch (1 training step)');
    expect(upsamplerWords({ kind: 'untrained', steps: 0 }, 450)).toBe('the upsampler trained here from scratch (450 training steps)');
  });
});
