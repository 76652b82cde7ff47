/**
 * Said wherever a model is needed when the current settings have none (issue 12, item 4): which
 * settings, that the weights are random, and the two ways on: train here, or go back to the
 * model left for other settings (or, with none, to the default settings and their pretrained model).
 */
import { useRun, type RunState } from '../state/runStore';
import { DEFAULT_SETTINGS } from '../state/settingsTable';
import { sessionConfigFrom } from '../state/sessionDefaults';
import { updateSettings, useSettings } from '../state/settingsStore';
import type { SessionConfig } from '../worker/protocol';
import { getEngineClient } from '../session/engineClient';
import { settingsFor, settingsLabel } from '../session/modelDescription';
import { switchModel } from '../session/modelLifecycle';
import { sameModel, samePoints } from '../session/savedModels';

/** Where "go back" leads: the model last left behind, else the default settings for this dataset (which ship a pretrained model). */
export function goBackTarget(config: SessionConfig, previous: RunState['previous']): { config: SessionConfig; has: string } | null {
  const differs = (c: SessionConfig) => !sameModel(c, config) || !samePoints(c.points, config.points);
  if (previous && differs(previous.config)) return { config: previous.config, has: `its model, at ${previous.step} steps` };
  if (config.dataset === 'custom') return null;
  const defaults = sessionConfigFrom({ ...DEFAULT_SETTINGS, dataset: config.dataset });
  return differs(defaults) ? { config: defaults, has: 'the pretrained default model' } : null;
}

/** Moves the settings (and the engine) back to `config`; its kept model comes with it. */
export function goBackTo(config: SessionConfig): void {
  // The settings follow, so the page and its links say the same; the engine moves at once, as a drawn dataset is not a setting.
  updateSettings(settingsFor(config));
  void switchModel(getEngineClient(), config).catch(() => {});
}

/**
 * `train`: show a Train button of its own (not in the training panel, whose Train is just above).
 * The go-back button's name leaves out "trained", so it never answers to a search for "Train".
 */
export function NoModelNotice({ train = true }: { train?: boolean }) {
  const show = useRun((s) => s.status === 'ready' && !s.modelLoading && s.step === 0 && !s.training);
  const config = useRun((s) => s.config);
  const previous = useRun((s) => s.previous);
  const controlsHidden = useSettings((s) => s.controls === 'hidden'); // the buttons are hidden too (.controls-hidden .training-controls)
  if (!show) return null;
  const target = goBackTarget(config, previous);
  return (
    <div className="notice notice-warning" role="status" data-testid="no-model">
      <p>
        No trained model for {settingsLabel(config)}: the network has fresh random weights, so whatever it samples now is noise pushed
        through a random network.
        {!controlsHidden && ` ${train ? 'Train one here' : 'Press Train to train one'}${target ? `, or go back to ${settingsLabel(target.config)} (${target.has}).` : '.'}`}
      </p>
      <div className="training-controls">
        {train && <button type="button" onClick={() => void getEngineClient().train().catch(() => {})}>Train</button>}
        {target && <button type="button" onClick={() => goBackTo(target.config)}>Go back to {settingsLabel(target.config)}</button>}
      </div>
    </div>
  );
}
