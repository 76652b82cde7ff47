/**
 * One line under a sampling widget: which model it samples and how trained it is. Sampling an
 * untrained network is allowed (it shows what "no model" looks like) but the reader is told, with
 * the ways on: train, or go back to the settings that have a model.
 */
import { useEffect, type MouseEvent } from 'react';
import { chapterHref } from '../state/chapterLink';
import { getEngineClient } from '../session/engineClient';
import { NoModelNotice } from './NoModelNotice';
import { settingsLabel } from '../session/modelDescription';
import { useRun } from '../state/runStore';
import { useSettings } from '../state/settingsStore';

/** Opens the Training chapter in place (pushState + popstate), so the engine and its training survive. */
function openTraining(e: MouseEvent<HTMLAnchorElement>): void {
  e.preventDefault();
  const params = new URLSearchParams(window.location.search);
  params.set('chapter', '05-training');
  window.history.pushState(null, '', `?${params.toString()}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

/** Also starts the engine (once per page) when a sampling widget mounts. */
export function ModelStatus() {
  useEffect(() => void getEngineClient(), []);
  const step = useRun((s) => s.step);
  const training = useRun((s) => s.training);
  const status = useRun((s) => s.status);
  const loading = useRun((s) => s.modelLoading);
  const config = useRun((s) => s.config);
  const controlsHidden = useSettings((s) => s.controls === 'hidden');
  if (status === 'starting') return <p className="hint">Starting the engine…</p>;
  if (loading) return <p className="hint">Loading the model for {settingsLabel(config)}…</p>;
  if (step === 0 && !training) {
    return (
      <div className="widget-planned" data-testid="untrained-note">
        <NoModelNotice />
        {!controlsHidden && (
          <p>
            Or train it in the <a href={chapterHref('05-training')} onClick={openTraining}>Training chapter</a> (a minute or two), then come back.
          </p>
        )}
      </div>
    );
  }
  return <p className="hint" data-testid="model-status">Model after {step} training steps{training ? ' (still training)' : ''}: {settingsLabel(config)}.</p>;
}
