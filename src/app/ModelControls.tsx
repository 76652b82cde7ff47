/**
 * Where the model came from, and what to do with it: start from scratch, reset (forget what this
 * browser saved and return to the defaults), export it as a file, import one. A bad file is
 * explained and the current model stays.
 */
import { useRef, useState } from 'react';
import { runStore, useRun, type RunState } from '../state/runStore';
import { currentSettings, updateSettings } from '../state/settingsStore';
import { sessionConfigFrom } from '../state/sessionDefaults';
import { DEFAULT_SETTINGS } from '../state/settingsTable';
import { getEngineClient } from './engineClient';
import { configureWithBestModel, forgetSavedModels } from './modelLifecycle';
import { modelFileBytes, readModelFile } from './savedModels';

function describeSource(source: RunState['modelSource'], dataset: string): string {
  switch (source.kind) {
    case 'pretrained':
      return `pretrained on ${dataset} for ${source.step} steps (shipped with the site)`;
    case 'saved':
      return `restored from this browser: ${source.step} steps${source.savedAt ? `, saved ${new Date(source.savedAt).toLocaleString()}` : ''}`;
    case 'imported':
      return `imported from a file (${source.step} steps)`;
    default:
      return 'trained from scratch in this session';
  }
}

function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ModelControls() {
  const ready = useRun((s) => s.status === 'ready');
  const training = useRun((s) => s.training);
  const source = useRun((s) => s.modelSource);
  const config = useRun((s) => s.config);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = !ready || training;

  const fromScratch = async (): Promise<void> => {
    await configureWithBestModel(getEngineClient(), config, true);
    setMessage({ kind: 'info', text: 'Fresh random weights: press Train.' });
  };

  const reset = async (): Promise<void> => {
    await forgetSavedModels();
    const { chapter, backend, embed, controls } = currentSettings();
    const defaults = { ...DEFAULT_SETTINGS, chapter, backend, embed, controls };
    updateSettings(defaults);
    // The settings change (if any) would reconfigure after a pause; do it now, with the default weights.
    await configureWithBestModel(getEngineClient(), sessionConfigFrom(defaults));
    setMessage({ kind: 'info', text: 'Forgot the models saved in this browser and went back to the default settings.' });
  };

  const exportModel = async (): Promise<void> => {
    const { step, weights } = await getEngineClient().exportWeights();
    download(modelFileBytes(config, step, weights), `diffusion-playground-${config.dataset}-step${step}.dpmodel`);
  };

  const importModel = async (file: File): Promise<void> => {
    try {
      const model = readModelFile(await file.arrayBuffer());
      await getEngineClient().importModel(model.config, model.weights, model.step);
      updateSettings({ dataset: model.config.dataset, schedule: model.config.schedule, T: model.config.T, width: model.config.width, depth: model.config.depth, lr: model.config.learningRate, batch: model.config.batchSize, seed: model.config.seed });
      runStore.setState({ modelSource: { kind: 'imported', step: model.step } });
      setMessage({ kind: 'info', text: `Imported ${file.name}: ${model.config.dataset}, ${model.step} steps.` });
    } catch (e) {
      setMessage({ kind: 'error', text: `Could not import ${file.name}: ${e instanceof Error ? e.message : String(e)} The current model is unchanged.` });
    }
  };

  return (
    <div className="model-controls">
      <p className="widget-readout" data-testid="model-source" data-kind={source.kind} data-step={source.step}>
        Model: {describeSource(source, config.dataset)}.
      </p>
      <div className="training-controls">
        <button type="button" disabled={busy} onClick={() => void fromScratch()}>Start from scratch</button>
        <button type="button" disabled={busy} onClick={() => void reset()}>Reset</button>
        <button type="button" disabled={busy} onClick={() => void exportModel()}>Export model</button>
        <button type="button" disabled={busy} onClick={() => fileInput.current?.click()}>Import model…</button>
        <input
          ref={fileInput}
          type="file"
          accept=".dpmodel,application/octet-stream"
          hidden
          data-testid="import-model"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importModel(file);
          }}
        />
      </div>
      {message && (
        <p className={`notice notice-${message.kind === 'error' ? 'error' : 'info'}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="model-message">
          {message.text}
        </p>
      )}
    </div>
  );
}
