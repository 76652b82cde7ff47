/**
 * Which model the engine runs, where it came from, and what to do with it: start from scratch,
 * reset (forget the model trained for these settings; the settings stay), export it as a file,
 * import one. A bad file is explained and the current model stays. When the settings have no
 * trained model the panel says so and offers to train or go back (NoModelNotice).
 */
import { useEffect, useRef, useState } from 'react';
import { runStore, useRun } from '../state/runStore';
import { updateSettings } from '../state/settingsStore';
import { getEngineClient } from '../session/engineClient';
import { describeModel, settingsLabel } from '../session/modelDescription';
import { freshModel, importModelFile, resetModel } from '../session/modelLifecycle';
import { checkModelFileSize } from '../engine/modelFile';
import { settingsFromConfig } from '../engine/settings/sessionConfig';
import { modelFileBytes, readModelFile } from '../session/savedModels';
import { NoModelNotice } from './NoModelNotice';

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
  const step = useRun((s) => s.step);
  const loading = useRun((s) => s.modelLoading);
  const config = useRun((s) => s.config);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = !ready || training;
  // A message about the last action is dropped once training moves the model on, so it never outlives its truth.
  useEffect(() => {
    if (training) setMessage((m) => (m?.kind === 'info' ? null : m));
  }, [training]);

  const failed = (what: string, e: unknown): void => setMessage({ kind: 'error', text: `Could not ${what}: ${e instanceof Error ? e.message : String(e)}` });

  const fromScratch = async (): Promise<void> => {
    try {
      await freshModel(getEngineClient(), config);
      setMessage(null); // the no-model notice says what there is now
    } catch (e) {
      failed('start from scratch', e);
    }
  };

  const reset = async (): Promise<void> => {
    const label = settingsLabel(config);
    try {
      await resetModel(getEngineClient());
    } catch (e) {
      return failed('reset the model', e);
    }
    const now = runStore.getState().modelSource.kind;
    setMessage({ kind: 'info', text: `Forgot the model trained for ${label}${now === 'pretrained' ? '; back to the pretrained default' : ''}. The settings are unchanged.` });
  };

  const exportModel = async (): Promise<void> => {
    try {
      const { step, weights } = await getEngineClient().exportWeights();
      download(modelFileBytes(config, step, weights), `diffusion-playground-${config.dataset}-step${step}.dpmodel`);
    } catch (e) {
      failed('export the model', e);
    }
  };

  const importModel = async (file: File): Promise<void> => {
    try {
      checkModelFileSize(file.size); // before reading it: a huge file would stall the page
      const model = readModelFile(await file.arrayBuffer());
      await importModelFile(getEngineClient(), model.config, model.weights, model.step);
      updateSettings(settingsFromConfig(model.config));
      setMessage({ kind: 'info', text: `Imported ${file.name}: ${model.config.dataset}, ${model.step} steps.` });
    } catch (e) {
      setMessage({ kind: 'error', text: `Could not import ${file.name}: ${e instanceof Error ? e.message : String(e)} The current model is unchanged.` });
    }
  };

  return (
    <div className="model-controls">
      <p className="widget-readout" data-testid="model-source" data-kind={source.kind} data-step={source.step}>
        Model: {loading ? `loading the model for ${settingsLabel(config)}…` : `${describeModel(source, step, config)}.`}
      </p>
      <NoModelNotice train={false} />
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
