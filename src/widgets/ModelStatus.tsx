/**
 * One line under a sampling widget: how trained the model is, and where to train it. Sampling
 * an untrained network is allowed (it shows what "no model" looks like) but the reader is told.
 */
import { useEffect, type MouseEvent } from 'react';
import { chapterHref } from '../app/ChapterNav';
import { getEngineClient } from '../app/engineClient';
import { useRun } from '../state/runStore';

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
  if (status === 'starting') return <p className="hint">Starting the engine…</p>;
  if (step === 0) {
    return (
      <p className="widget-planned" data-testid="untrained-note">
        The network is untrained, so these samples only show what noise pushed through a random network looks like.
        Train it in the <a href={chapterHref('05-training')} onClick={openTraining}>Training chapter</a> (a minute or two), then come back.
      </p>
    );
  }
  return <p className="hint">Model after {step} training steps{training ? ' (still training)' : ''}.</p>;
}
