/** Test helper (not shipped): asserts that `fn` throws an EngineInputError naming `param`, and returns it. */
import { expect } from 'vitest';
import { EngineInputError } from './inputError';

export function expectInputError(fn: () => unknown, param: string): EngineInputError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(EngineInputError);
  expect((caught as EngineInputError).param).toBe(param);
  return caught as EngineInputError;
}
