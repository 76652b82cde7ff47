/**
 * Every live widget, by the id chapters use in `::widget{id="…"}`. Each loads lazily, so a
 * chapter pulls in only the widgets it shows.
 */
import { use, type ComponentType } from 'react';
import { loadOnce } from './loadOnce';
import type { WidgetId } from './widgetIds';

export interface WidgetEntry {
  title: string;
  /** Suspends until the widget's code is here (as React.lazy), but renders at once when it already is. */
  Component: ComponentType;
  /** Starts loading the widget's code before it renders (the chapter's tree names its widgets); resolves when it is here, never rejects. */
  preload: () => Promise<void>;
}

const entry = (title: string, load: () => Promise<{ default: ComponentType }>): WidgetEntry => {
  const once = loadOnce(load);
  function Widget() {
    const { default: Loaded } = use(once());
    return <Loaded />;
  }
  Widget.displayName = `Widget(${title})`;
  return { title, Component: Widget, preload: () => once().then(
      () => {},
      () => {},
    ) };
};

export const WIDGETS: Partial<Record<WidgetId, WidgetEntry>> & Record<string, WidgetEntry | undefined> = {
  'schedule-compare': entry('noise schedules', () => import('../charts/ScheduleChart').then((m) => ({ default: m.ScheduleChart }))),
  'train-panel': entry('training', () => import('./TrainingPanel').then((m) => ({ default: m.TrainingPanel }))),
  'algorithm1-stepper': entry('Algorithm 1, step by step', () => import('./Algorithm1Stepper')),
  'loss-curve': entry('loss curve', () => import('./LossCurve')),
  'loss-by-t': entry('loss by timestep', () => import('./LossByT')),
  'gaussian-density': entry('Gaussian density', () => import('./GaussianDensity')),
  'kl-gaussians': entry('KL between Gaussians', () => import('./KlGaussians')),
  'naive-vs-vp': entry('naive walk vs the DDPM chain', () => import('./NaiveVsChain')),
  'data-noise-animation': entry('data and noise', () => import('./DataNoiseAnimation')),
  'posterior-ellipse': entry('the posterior of one point', () => import('./PosteriorEllipse')),
  'eps-field': entry('noise-prediction field', () => import('./EpsField')),
  'x0-predictions': entry('predicted clean points', () => import('./X0Predictions')),
  'closed-form-vs-chain': entry('closed form vs chain', () => import('./ClosedFormVsChain')),
  'bayes-example': entry("Bayes' rule", () => import('./BayesExample')),
  'forward-scrubber': entry('forward process', () => import('./ForwardScrubber')),
  'algorithm2-stepper': entry('Algorithm 2, step by step', () => import('./Algorithm2Stepper')),
  'reverse-animation': entry('the reverse process', () => import('./ReverseAnimation')),
  'variance-choice': entry('two choices of noise variance', () => import('./VarianceChoice')),
  'ddpm-vs-ddim': entry('DDPM vs DDIM', () => import('./DdpmVsDdim')),
  'wrong-last-step': entry('the wrong last step', () => import('./WrongLastStep')),
  'elbo-bars': entry('the ELBO, term by term', () => import('./ElboBars')),
  'quality-curve': entry('sample quality over training', () => import('./QualityCurve')),
  'anomaly-map': entry('anomaly scores over the plane', () => import('./AnomalyMap')),
  'draw-dataset': entry('draw your own dataset', () => import('./DrawDataset')),
  'sine-signals': entry('sine-wave signals', () => import('./SineSignals')),
  'one-shot-vs-ddpm': entry('one-shot denoiser vs DDPM', () => import('./OneShotVsDdpm')),
  guidance: entry('classifier-free guidance', () => import('./Guidance')),
  'image-forward': entry('noised digits', () => import('./ImageForward')),
  'image-train': entry('training on digits or shapes', () => import('./ImageTrain')),
  'image-prompt': entry('prompting the image model', () => import('./ImagePrompt')),
  'image-copy': entry('samples beside their nearest training images', () => import('./ImageCopy')),
  'image-likelihood': entry('how likely is this image', () => import('./ImageLikelihood')),
  'image-reverse': entry('the reverse process on digits', () => import('./ImageReverse')),
  // Chapter 9 (issue 15).
  'video-clips': entry('video: frames that agree', () => import('./VideoClips')),
  'latent-space': entry('diffusion in an autoencoder’s latent space', () => import('./LatentSpace')),
  upsample: entry('upsampling a 4×4 image to 8×8', () => import('./Upsample')),
};
