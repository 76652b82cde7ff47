/**
 * Train the denoiser in the worker and sample from it: the backend in use and why, live
 * progress, and the samples. Everything heavy happens in the worker; this only sends requests.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PointCloudCanvas } from '../charts/PointCloudCanvas';
import { ModelControls } from './ModelControls';
import { useRun, type RunState } from '../state/runStore';
import { samplingFrom } from '../state/sessionDefaults';
import { currentSettings, useSettings } from '../state/settingsStore';
import { SettingsBar } from './controls/SettingsBar';
import { samplingLabel } from './controls/samplingLabel';
import type { SampleRequestOptions } from '../worker/protocol';
import { getEngineClient } from '../session/engineClient';
import { trainingStatsText } from '../session/modelDescription';

// While sampling, the canvas follows the streamed frames; afterwards it shows the samples.
const selectSamples = (s: RunState) => (s.sampling && s.traceFrame ? s.traceFrame.points : s.samples);

export function TrainingPanel() {
  useEffect(() => void getEngineClient(), []);
  const status = useRun((s) => s.status);
  const backend = useRun((s) => s.backend);
  const training = useRun((s) => s.training);
  const sampling = useRun((s) => s.sampling);
  const step = useRun((s) => s.step);
  const loss = useRun((s) => s.smoothedLoss);
  const rate = useRun((s) => s.stepsPerSecond);
  const threads = useRun((s) => s.threads);
  const tensors = useRun((s) => s.numTensors);
  const notice = useRun((s) => s.notice);
  const sampleProgress = useRun((s) => s.sampleProgress);
  // While a model change is on its way (start-up's pretrained default, a settings change), Train
  // and Sample wait: pressed then, they would act on the session that is about to be replaced.
  const modelLoading = useRun((s) => s.modelLoading);
  const ready = status === 'ready' && !modelLoading;
  // The sampler the Sample button will run (the settings, steps at most the running T), and the one that drew the samples shown.
  const T = useRun((s) => s.config.T);
  const next = useSettings(useShallow((s) => ({ method: s.sampler, steps: Math.min(s.steps, s.T, T), eta: s.eta })));
  const [drawnWith, setDrawnWith] = useState<SampleRequestOptions | null>(null);
  const hasSamples = useRun((s) => s.samples !== null || (s.sampling && s.traceFrame !== null));
  const sample = (): void => {
    const options = samplingFrom(currentSettings());
    setDrawnWith(options);
    void getEngineClient().sample(options).catch(() => {});
  };

  return (
    <div className="training-panel" data-testid="training-panel">
      <p className="backend-line" data-testid="backend" aria-live="polite">
        {status === 'starting' && !backend && 'Starting the training engine (measuring which backend is fastest here)…'}
        {backend && (
          <>
            Running on <strong data-testid="backend-name">{backend.name}</strong>: {backend.reason}
            {backend.adapter ? ` (${backend.adapter})` : ''}.
          </>
        )}
      </p>
      {notice && (
        <p className={`notice notice-${notice.kind}`} role="alert" data-testid="notice">
          {notice.text}
          {notice.action === 'reload' && (
            <>
              {' '}
              <button type="button" onClick={() => window.location.reload()}>Reload the page</button>
            </>
          )}
        </p>
      )}
      <div className="training-controls">
        <button type="button" disabled={!ready} onClick={() => void (training ? getEngineClient().pause() : getEngineClient().train(false)).catch(() => {})}>
          {training ? 'Pause' : 'Train'}
        </button>
        <button type="button" disabled={!ready || sampling} onClick={sample}>
          {sampling ? `Sampling… ${Math.round(sampleProgress * 100)}%` : `Sample 1000 points (${samplingLabel(next)})`}
        </button>
        <span className="training-stats" data-testid="training-stats" data-step={step} data-loss={Number.isFinite(loss) ? loss : ''} data-tensors={tensors} data-threads={threads}>
          {trainingStatsText({ step, smoothedLoss: loss, stepsPerSecond: rate, threads, training })}
        </span>
      </div>
      <ModelControls />
      {/* The samples right under the buttons that make them; the knobs after. */}
      <PointCloudCanvas select={selectSamples} label={`Samples from the trained model (${samplingLabel(hasSamples && drawnWith ? drawnWith : next)})`} />
      <SettingsBar />
    </div>
  );
}
