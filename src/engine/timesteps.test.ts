import { describe, expect, it } from 'vitest';
import { EngineInputError } from './inputError';
import { timesteps } from './timesteps';

// Expected lists follow the diffusers DDIMScheduler conventions (0-indexed timesteps).
describe('timesteps', () => {
  it("trailing: T = 1000, 10 steps → [999, 899, …, 99]", () => {
    expect(Array.from(timesteps(1000, 10, 'trailing'))).toEqual([999, 899, 799, 699, 599, 499, 399, 299, 199, 99]);
  });
  it('leading: T = 1000, 10 steps → [900, 800, …, 0]', () => {
    expect(Array.from(timesteps(1000, 10, 'leading'))).toEqual([900, 800, 700, 600, 500, 400, 300, 200, 100, 0]);
  });
  it('linspace: T = 1000, 10 steps → round(linspace(0, 999, 10)) reversed', () => {
    expect(Array.from(timesteps(1000, 10, 'linspace'))).toEqual([999, 888, 777, 666, 555, 444, 333, 222, 111, 0]);
  });
  it('n = T visits every timestep once, descending, for every spacing', () => {
    for (const spacing of ['leading', 'trailing', 'linspace'] as const) {
      expect(Array.from(timesteps(50, 50, spacing))).toEqual(Array.from({ length: 50 }, (_, k) => 49 - k));
    }
  });
  it('rejects more steps than T, and zero steps', () => {
    expect(() => timesteps(100, 101)).toThrow(EngineInputError);
    expect(() => timesteps(100, 0)).toThrow(/steps must be an integer in \[1, 100\]/);
  });
});
