/**
 * Where the digits model came from and what to do with it (chapter 8): train it from scratch (fresh
 * weights), go back to the pretrained default, download it as a model file, load one. Starting
 * afresh asks first when it would throw away steps trained here, and says how many; a file that is
 * not an 8×8 digits model is refused with the worker's reason and the current model kept.
 */
import { useRef, useState } from 'react';
import { checkModelFileSize } from '../engine/modelFile';
import { getEngineClient } from '../session/engineClient';
import { stepsTrainedHere } from '../session/imageModelStatus';
import type { ImageModelId } from '../engine/modelIds';
import { useRun } from '../state/runStore';

function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** `changed`: the model was replaced (the widget draws its grid again). */
export function ImageModelControls({ ready, changed, model = 'images', name = 'digits' }: { ready: boolean; changed: () => void; model?: ImageModelId; name?: string }) {
  const training = useRun((s) => s.models[model].training);
  const origin = useRun((s) => s.models[model].origin);
  const step = useRun((s) => s.models[model].step);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = !ready || training || origin === null;
  const lost = stepsTrainedHere(origin, step);

  const restart = async (from: 'pretrained' | 'scratch'): Promise<void> => {
    const what = from === 'scratch' ? 'Train from scratch' : 'Go back to the pretrained model';
    if (lost > 0 && !window.confirm(`${what}? The ${lost} step${lost === 1 ? '' : 's'} trained here will be lost.`)) return;
    try {
      const status = await getEngineClient().startImageModel(from, model);
      setMessage(status.origin.note ? { kind: 'error', text: status.origin.note } : { kind: 'info', text: from === 'scratch' ? `Fresh random weights: press Train to watch ${name} appear.` : `Back to the pretrained model (${status.step} steps).` });
      changed();
    } catch (e) {
      setMessage({ kind: 'error', text: `Could not start the model again: ${messageOf(e)}` });
    }
  };

  const save = async (): Promise<void> => {
    try {
      const { bytes, step: saved } = await getEngineClient().exportImageModel(model);
      download(bytes, `diffusion-playground-${name}-step${saved}.dpmodel`);
      setMessage({ kind: 'info', text: `Downloaded the ${name} model at step ${saved}.` });
    } catch (e) {
      setMessage({ kind: 'error', text: `Could not download the model: ${messageOf(e)}` });
    }
  };

  const load = async (file: File): Promise<void> => {
    try {
      checkModelFileSize(file.size); // before reading it: a huge file would stall the page
      const status = await getEngineClient().loadImageModel(await file.arrayBuffer(), file.name, model);
      setMessage({ kind: 'info', text: `Loaded ${file.name}: a ${name} model trained ${status.step} steps.` });
      changed();
    } catch (e) {
      setMessage({ kind: 'error', text: `Could not load ${file.name}: ${messageOf(e)} The current model is unchanged.` });
    }
  };

  return (
    <>
      <div className="lab-buttons image-model-buttons">
        <button type="button" onClick={() => void restart('scratch')} disabled={busy} data-lost-steps={lost}>Train from scratch</button>
        <button type="button" onClick={() => void restart('pretrained')} disabled={busy}>Back to pretrained</button>
        <button type="button" onClick={() => void save()} disabled={busy}>Download model</button>
        <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}>Load model…</button>
        <input
          ref={fileInput}
          type="file"
          accept=".dpmodel,.bin,application/octet-stream"
          hidden
          data-testid="load-image-model"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void load(file);
          }}
        />
      </div>
      {origin?.note && !message && <p className="lab-message" role="status" data-testid="image-model-note">{origin.note}</p>}
      {message && (
        <p className={`lab-message image-model-message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="image-model-message">
          {message.text}
        </p>
      )}
    </>
  );
}
