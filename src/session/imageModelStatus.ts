/**
 * The image model's status line, from where its weights came from (the worker's modelOrigin) and
 * its step now: pretrained weights, a loaded file and fresh weights are told apart, and so are the
 * steps trained here, which "Train from scratch" and "Back to pretrained" would throw away.
 */
import type { ImageModelOrigin } from '../worker/protocol';

/** Steps trained in this page on top of the starting weights. */
export function stepsTrainedHere(origin: ImageModelOrigin | null, step: number): number {
  return origin ? Math.max(0, step - origin.steps) : 0;
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** "pretrained, 8000 steps", "pretrained + 800 steps trained here", "untrained", "800 steps trained here", "loaded from f.dpmodel (3000 steps) + 200 steps trained here". */
export function describeImageModel(origin: ImageModelOrigin | null, step: number): string {
  if (!origin) return 'loading…';
  const here = stepsTrainedHere(origin, step);
  const more = here > 0 ? ` + ${plural(here, 'step')} trained here` : '';
  switch (origin.kind) {
    case 'pretrained':
      return here > 0 ? `pretrained (${plural(origin.steps, 'step')})${more}` : `pretrained, ${plural(origin.steps, 'step')}`;
    case 'file':
      return `loaded from ${origin.name ?? 'a file'} (${plural(origin.steps, 'step')})${more}`;
    case 'untrained':
      return here > 0 ? `${plural(here, 'step')} trained here from scratch` : 'untrained';
  }
}
