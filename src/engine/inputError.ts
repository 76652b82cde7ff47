/**
 * The one error type the engine throws for bad input. It names the parameter and the
 * range it accepts, so a page can show the message as-is and highlight the right control.
 * Engine functions validate before they touch any state, so a thrown error changes nothing.
 */
export class EngineInputError extends RangeError {
  readonly param: string;
  readonly allowed: string;

  constructor(param: string, allowed: string, got: unknown) {
    super(`${param} must be ${allowed} (got ${describe(got)})`);
    this.name = 'EngineInputError';
    this.param = param;
    this.allowed = allowed;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return `an array of length ${(value as ArrayLike<unknown>).length}`;
  return typeof value;
}

/** Throws unless `value` is an integer in [min, max]. */
export function requireInteger(param: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const allowed = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    throw new EngineInputError(param, allowed, value);
  }
}

/** Throws unless `value` is a finite number strictly between `lo` and `hi`. */
export function requireOpenInterval(param: string, value: number, lo: number, hi: number): void {
  if (!Number.isFinite(value) || value <= lo || value >= hi) {
    throw new EngineInputError(param, `a number in (${lo}, ${hi})`, value);
  }
}

/** Throws unless `value` is a finite number in [lo, hi]. */
export function requireClosedInterval(param: string, value: number, lo: number, hi: number): void {
  if (!Number.isFinite(value) || value < lo || value > hi) {
    throw new EngineInputError(param, `a number in [${lo}, ${hi}]`, value);
  }
}

/** Throws unless `value` is one of `options`. */
export function requireOneOf<T extends string>(param: string, value: unknown, options: readonly T[]): asserts value is T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw new EngineInputError(param, `one of ${options.join(', ')}`, value);
  }
}
