/**
 * What the page says about the model: which settings it is for, where its weights came from and
 * how far it has trained since, and the training line under the panel's buttons. Pure functions,
 * so the words are tested against the states that used to make them untrue (issue 12, item 5).
 */
import { ENGINE_SETTINGS } from '../engine/settings/engineSettings';
import { DEFAULT_DENOISER } from '../engine/tf/denoiserConfig';
import type { ModelSource } from '../state/runStore';
import { DEFAULT_SETTINGS, type Settings } from '../state/settingsTable';
import type { SessionConfig } from '../worker/protocol';

const DATASET_LABELS: Readonly<Record<string, string>> = ENGINE_SETTINGS.dataset.optionLabels;

export function datasetLabel(config: Pick<SessionConfig, 'dataset' | 'points' | 'nPoints'>): string {
  if (config.dataset === 'custom') return `your drawing (${config.points ? config.points.length / 2 : config.nPoints} points)`;
  return DATASET_LABELS[config.dataset] ?? config.dataset;
}

/** The settings a model is for, e.g. "two moons, cosine schedule, T = 1000" (the network only when not the default). */
export function settingsLabel(config: SessionConfig): string {
  const parts = [datasetLabel(config), `${config.schedule} schedule`, `T = ${config.T}`];
  if (config.width !== DEFAULT_SETTINGS.width || config.depth !== DEFAULT_SETTINGS.depth) parts.push(`width ${config.width} × depth ${config.depth}`);
  if (config.timeEmbedDim !== DEFAULT_DENOISER.timeEmbedDim || config.inputEmbedDim !== DEFAULT_DENOISER.inputEmbedDim) parts.push('other embeddings');
  return parts.join(', ');
}

const steps = (n: number): string => `${n} step${n === 1 ? '' : 's'}`;

/** Where the weights came from, then how far they have trained since: the step count shown is always the current one. */
export function describeModel(source: ModelSource, step: number, config: SessionConfig): string {
  const since = step > source.step ? `, then trained here to ${steps(step)}` : '';
  switch (source.kind) {
    case 'pretrained':
      return `pretrained on ${settingsLabel(config)} for ${steps(source.step)} (shipped with the site)${since}`;
    case 'saved':
      return `${settingsLabel(config)}, restored from this browser at ${steps(source.step)}${source.savedAt ? ` (saved ${new Date(source.savedAt).toLocaleString()})` : ''}${since}`;
    case 'imported':
      return `${settingsLabel(config)}, imported from a file at ${steps(source.step)}${since}`;
    default:
      return step === 0 ? `untrained (fresh random weights) for ${settingsLabel(config)}` : `${settingsLabel(config)}, trained from scratch in this session: ${steps(step)}`;
  }
}

const fmt = (v: number, digits: number): string => v.toFixed(digits);

/**
 * The panel's training line. Before any training in this session there is no loss or speed to
 * show, so it says so instead of "loss –" and "0.0 steps/s"; the speed is the training loop's own,
 * kept (marked as the last run's) while paused.
 */
export function trainingStatsText(s: { step: number; smoothedLoss: number; stepsPerSecond: number; threads: number; training: boolean }): string {
  const threads = s.threads > 1 ? ` on ${s.threads} threads` : '';
  if (!Number.isFinite(s.smoothedLoss)) return s.training ? `step ${s.step} · starting…` : `step ${s.step} · not trained in this session yet`;
  const loss = `loss ${fmt(s.smoothedLoss, 4)} (mean per coordinate)`;
  if (s.stepsPerSecond <= 0) return `step ${s.step} · ${loss}${s.training ? '' : ' · paused'}`;
  const rate = `${fmt(s.stepsPerSecond, 1)} steps/s${threads}`;
  return s.training ? `step ${s.step} · ${loss} · ${rate}` : `step ${s.step} · ${loss} · paused (trained at ${rate})`;
}

/** The settings (engine keys) that reproduce a session config; a drawn dataset keeps the dataset setting as it is. */
export function settingsFor(config: SessionConfig): Partial<Settings> {
  return {
    ...(config.dataset === 'custom' ? {} : { dataset: config.dataset }),
    schedule: config.schedule, T: config.T, width: config.width, depth: config.depth, lr: config.learningRate, batch: config.batchSize, seed: config.seed,
  };
}
