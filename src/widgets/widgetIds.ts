/**
 * Every widget id a chapter may place, in chapter order. The registry maps the ones built so far
 * to components; the rest render a visible "not built yet" card.
 */
export const WIDGET_IDS = [
  'data-noise-animation',
  'gaussian-density', 'bayes-example', 'kl-gaussians',
  'forward-scrubber', 'closed-form-vs-chain', 'schedule-compare', 'naive-vs-vp',
  'posterior-ellipse', 'eps-field', 'x0-predictions',
  'train-panel', 'algorithm1-stepper', 'loss-curve', 'loss-by-t', 'elbo-bars', 'quality-curve',
  'algorithm2-stepper', 'reverse-animation', 'ddpm-vs-ddim', 'variance-choice', 'wrong-last-step',
  'sine-signals', 'one-shot-vs-ddpm', 'guidance', 'anomaly-map', 'draw-dataset',
  'image-forward', 'image-train', 'image-reverse', 'image-prompt', 'image-copy', 'image-likelihood',
  // Chapter 9 (issue 15): video, latent diffusion, upsampling.
  'video-clips', 'latent-space', 'upsample',
] as const;

export type WidgetId = (typeof WIDGET_IDS)[number];
