/**
 * The postMessage API of an embedded widget, as data: what a host page may send and what the
 * widget reports back. Every message carries `source: 'diffusion-playground'`; anything else, or
 * anything of the wrong shape, is ignored.
 *
 * Host → widget:
 *   { source, type: 'set', settings: { t: 120, schedule: 'cosine', … } }   any keys of the settings table
 *   { source, type: 'step', delta?: number }   move t by delta (default +1)
 *   { source, type: 'play' } | { source, type: 'pause' } | { source, type: 'reset' }   the t player
 *   { source, type: 'train' } | { source, type: 'stopTraining' }   the denoiser in the worker
 *   { source, type: 'sample' }   draw samples with the settings' sampler (1000 points)
 *   Engine commands (train, stopTraining, sample) sent before the engine is ready wait for it, in order.
 * Widget → host:
 *   { source, type: 'ready', widget, t }   once, when the widget is listening
 *   { source, type: 'engineReady', backend, step, model }   once, when the training engine has
 *     started and loaded its model (model: 'pretrained' | 'saved' | 'scratch' | …)
 *   { source, type: 't', t }   whenever t changes
 *   { source, type: 'progress', step, loss }   while training (at most ~10 a second, and once when it stops)
 *   { source, type: 'samples', n, step, points }   after a 'sample' (points: Float32Array, n × 2)
 *   { source, type: 'notice', text }   a setting the host sent was clamped or dropped, a message
 *     was refused, or an engine command waits for the engine (or cannot run); at most five a frame
 * Settings and steps of t are applied once a frame, the last value of each setting winning
 * (embedBridge.ts), so a host that floods the widget costs it a bounded amount of work a message.
 */
import { parseOrigin, SETTINGS_TABLE } from '../state/settingsTable';

export const MESSAGE_SOURCE = 'diffusion-playground';

/** A `set` may name each setting once at most: an object with more keys is refused before its keys are read. */
export const MAX_SET_KEYS = Object.keys(SETTINGS_TABLE).length;

const SIMPLE = ['play', 'pause', 'reset', 'train', 'stopTraining', 'sample'] as const;

/** Commands that need the engine worker. */
export type EngineCommand = { type: 'train' | 'stopTraining' | 'sample' };

export type HostCommand =
  | { type: 'set'; settings: Record<string, unknown> }
  | { type: 'step'; delta: number }
  | { type: Exclude<(typeof SIMPLE)[number], EngineCommand['type']> }
  | EngineCommand;

/** A message meant for the widget that it will not run, and why (sent back to the host as a notice). */
export interface Refused {
  type: 'refused';
  notice: string;
}

/** Whether `object` has at most `max` enumerable keys, without listing them all. */
function hasAtMostKeys(object: object, max: number): boolean {
  let n = 0;
  for (const _key in object) if (++n > max) return false;
  return true;
}

/**
 * The command in a message from a host page, null if the message is not one, or a refusal. Work
 * per message is bounded: a `set` keeps only the settings table's own keys, and one with more
 * keys than the table has is refused unread.
 */
export function parseHostCommand(data: unknown): HostCommand | Refused | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.source !== MESSAGE_SOURCE || typeof m.type !== 'string') return null;
  if (m.type === 'set') {
    if (typeof m.settings !== 'object' || m.settings === null || Array.isArray(m.settings)) return null;
    const given = m.settings as Record<string, unknown>;
    if (!hasAtMostKeys(given, MAX_SET_KEYS)) return { type: 'refused', notice: `A "set" message with more than ${MAX_SET_KEYS} keys was ignored (there are ${MAX_SET_KEYS} settings).` };
    const settings: Record<string, unknown> = {};
    for (const key in given) if (Object.hasOwn(given, key) && Object.hasOwn(SETTINGS_TABLE, key)) settings[key] = given[key];
    return { type: 'set', settings };
  }
  if (m.type === 'step') {
    if (m.delta === undefined) return { type: 'step', delta: 1 };
    return typeof m.delta === 'number' && Number.isInteger(m.delta) && Math.abs(m.delta) <= 10000 ? { type: 'step', delta: m.delta } : null;
  }
  return (SIMPLE as readonly string[]).includes(m.type) ? { type: m.type as (typeof SIMPLE)[number] } : null;
}

/**
 * Whether a message event may command this widget: from the parent page, and from `allowed` if one
 * is set. An `allowed` that is not a valid origin admits nothing (fails closed).
 */
export function acceptsSender(event: { source: unknown; origin: string }, parent: unknown, allowed: string): boolean {
  if (event.source !== parent) return false;
  if (allowed === '') return true;
  const origin = parseOrigin(allowed);
  return origin !== null && event.origin.toLowerCase() === origin.toLowerCase();
}
