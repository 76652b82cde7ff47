/**
 * Connects an embedded widget to its host page: commands from the parent (validated by
 * embedMessages.ts) drive the settings, the t player, training and sampling; the widget reports
 * t, the engine being ready, training progress and samples back. Only the parent window is
 * listened to, and only the `origin` setting's origin when the embed link names one.
 *
 * Commands for the engine (`train`, `stopTraining`, `sample`) are never dropped: the engine
 * takes seconds to start and load its model, so until it is ready they wait, in order, and the
 * host hears a `notice` saying so; `engineReady` tells it when they can run at once.
 */
import { runStore, type RunState } from '../state/runStore';
import { samplingFrom } from '../state/sessionDefaults';
import { currentSettings, settingsStore, updateSettings } from '../state/settingsStore';
import { pause, play, resetPlayer, stepT } from '../state/player';
import { acceptsSender, MESSAGE_SOURCE, parseHostCommand, type EngineCommand, type HostCommand } from './embedMessages';
import { engineSettled } from './engineClient';

const PROGRESS_EVERY_MS = 100;

export function connectToHost(widget: string): () => void {
  const parent = window.parent;
  if (parent === window) return () => {};
  const allowed = currentSettings().origin;
  let connected = true;
  const send = (message: Record<string, unknown>): void => {
    if (connected) parent.postMessage({ source: MESSAGE_SOURCE, ...message }, allowed || '*');
  };

  // The engine: ready once it has started and loaded the model for the current settings.
  let engineReady = false;
  let failed = false;
  const announceReady = (): void => {
    if (engineReady || failed) return;
    void engineSettled().then(() => {
      const s = runStore.getState();
      if (engineReady || s.status !== 'ready') return;
      engineReady = true;
      send({ type: 'engineReady', backend: s.backend?.name ?? null, step: s.step, model: s.modelSource.kind });
    });
  };
  const onFailure = (s: RunState): void => {
    if (failed) return;
    failed = true;
    send({ type: 'notice', text: s.notice?.text ?? 'The training engine could not start.' });
  };

  /** Engine commands run one after another, each once the engine runs the current settings' model. */
  let queue: Promise<void> = Promise.resolve();
  const runOnEngine = (command: EngineCommand): void => {
    if (failed || runStore.getState().status === 'failed') {
      send({ type: 'notice', text: `"${command.type}" was not run: the training engine could not start.` });
      return;
    }
    if (!engineReady) send({ type: 'notice', text: `The training engine is starting; "${command.type}" will run when it is ready.` });
    queue = queue.then(async () => {
      const engine = await engineSettled();
      if (!connected) return;
      const s = runStore.getState();
      if (s.status !== 'ready') {
        send({ type: 'notice', text: `"${command.type}" was not run: the training engine could not start.` });
        return;
      }
      if (command.type === 'train') {
        if (!s.training) void engine.train().catch(() => {}); // runs until paused; errors reach the store's notice
      } else if (command.type === 'stopTraining') {
        if (s.training) await engine.pause().catch(() => {});
      } else {
        const points = await engine.sample(samplingFrom(currentSettings())).catch(() => null);
        if (points) send({ type: 'samples', n: points.length / 2, step: runStore.getState().step, points });
      }
    });
  };

  const run = (command: HostCommand): void => {
    switch (command.type) {
      case 'set': {
        const { embed: _embed, origin: _origin, ...rest } = command.settings; // a host cannot re-point the embed
        for (const text of updateSettings(rest)) send({ type: 'notice', text });
        return;
      }
      case 'step':
        stepT(command.delta);
        return;
      case 'play':
        play();
        return;
      case 'pause':
        pause();
        return;
      case 'reset':
        resetPlayer();
        return;
      case 'train':
      case 'stopTraining':
      case 'sample':
        runOnEngine(command);
    }
  };
  const onMessage = (event: MessageEvent): void => {
    if (!acceptsSender(event, parent, allowed)) return;
    const command = parseHostCommand(event.data);
    if (command) run(command);
  };
  window.addEventListener('message', onMessage);

  const unsubscribeT = settingsStore.subscribe((s, prev) => s.t !== prev.t && send({ type: 't', t: s.t }));

  // Progress while training only (loading a model also moves the step, with no loss yet), at most
  // every PROGRESS_EVERY_MS, and the last step once training stops.
  let lastProgress = -Infinity;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  let reported = -1;
  const report = (): void => {
    if (trailing) clearTimeout(trailing);
    trailing = null;
    const s = runStore.getState();
    if (s.step === reported || !Number.isFinite(s.smoothedLoss)) return;
    reported = s.step;
    lastProgress = performance.now();
    send({ type: 'progress', step: s.step, loss: s.smoothedLoss });
  };
  const unsubscribeRun = runStore.subscribe((s, prev) => {
    if (s.status === 'ready' && prev.status !== 'ready') announceReady();
    if (s.status === 'failed' && prev.status !== 'failed') onFailure(s);
    if (prev.training && !s.training) {
      report();
      return;
    }
    if (!s.training || s.step === prev.step) return;
    const wait = lastProgress + PROGRESS_EVERY_MS - performance.now();
    if (wait <= 0) report();
    else trailing ??= setTimeout(report, wait);
  });
  // A widget that uses the engine starts it as it loads; the host hears when it is ready.
  if (runStore.getState().status === 'ready') announceReady();
  send({ type: 'ready', widget, t: currentSettings().t });
  return () => {
    connected = false;
    window.removeEventListener('message', onMessage);
    if (trailing) clearTimeout(trailing);
    unsubscribeT();
    unsubscribeRun();
  };
}
