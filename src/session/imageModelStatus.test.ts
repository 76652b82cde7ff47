import { describe, expect, it } from 'vitest';
import { describeImageModel, stepsTrainedHere } from './imageModelStatus';

describe("the image model's status line", () => {
  it('tells pretrained weights, steps trained here, a loaded file and fresh weights apart', () => {
    const pretrained = { kind: 'pretrained', steps: 6000 } as const;
    expect(describeImageModel(pretrained, 6000)).toBe('pretrained, 6000 steps');
    expect(describeImageModel(pretrained, 6800)).toBe('pretrained (6000 steps) + 800 steps trained here');
    expect(describeImageModel({ kind: 'untrained', steps: 0 }, 0)).toBe('untrained');
    expect(describeImageModel({ kind: 'untrained', steps: 0 }, 1)).toBe('1 step trained here from scratch');
    expect(describeImageModel({ kind: 'file', steps: 3000, name: 'd.dpmodel' }, 3200)).toBe('loaded from d.dpmodel (3000 steps) + 200 steps trained here');
    expect(describeImageModel(null, 0)).toBe('loading…');
  });

  it('counts the steps a restart would lose: those past the starting weights', () => {
    expect(stepsTrainedHere({ kind: 'pretrained', steps: 6000 }, 6800)).toBe(800);
    expect(stepsTrainedHere({ kind: 'pretrained', steps: 6000 }, 6000)).toBe(0);
    expect(stepsTrainedHere({ kind: 'untrained', steps: 0 }, 450)).toBe(450);
    expect(stepsTrainedHere(null, 450)).toBe(0);
  });
});
