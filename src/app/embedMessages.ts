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
 *   { source, type: 'notice', text }   a setting the host sent was clamped or dropped, or an
 *     engine command waits for the engine (or cannot run)
 */
export const MESSAGE_SOURCE = 'diffusion-playground';

const SIMPLE = ['play', 'pause', 'reset', 'train', 'stopTraining', 'sample'] as const;

/** Commands that need the engine worker. */
export type EngineCommand = { type: 'train' | 'stopTraining' | 'sample' };

export type HostCommand =
  | { type: 'set'; settings: Record<string, unknown> }
  | { type: 'step'; delta: number }
  | { type: Exclude<(typeof SIMPLE)[number], EngineCommand['type']> }
  | EngineCommand;

/** The command in a message from a host page, or null if the message is not a valid one. */
export function parseHostCommand(data: unknown): HostCommand | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.source !== MESSAGE_SOURCE || typeof m.type !== 'string') return null;
  if (m.type === 'set') {
    return typeof m.settings === 'object' && m.settings !== null && !Array.isArray(m.settings) ? { type: 'set', settings: m.settings as Record<string, unknown> } : null;
  }
  if (m.type === 'step') {
    if (m.delta === undefined) return { type: 'step', delta: 1 };
    return typeof m.delta === 'number' && Number.isInteger(m.delta) && Math.abs(m.delta) <= 10000 ? { type: 'step', delta: m.delta } : null;
  }
  return (SIMPLE as readonly string[]).includes(m.type) ? { type: m.type as (typeof SIMPLE)[number] } : null;
}

/** Whether a message event may command this widget: from the parent page, and from `allowed` if one is set. */
export function acceptsSender(event: { source: unknown; origin: string }, parent: unknown, allowed: string): boolean {
  if (event.source !== parent) return false;
  return allowed === '' || event.origin.toLowerCase() === allowed.toLowerCase();
}
