/**
 * Connects an embedded widget to its host page: commands from the parent (validated by
 * embedMessages.ts) drive the settings, the t player, training and sampling; the widget reports
 * t, the engine being ready, training progress and samples back. Only the parent window is
 * listened to, and only the `origin` setting's origin when the embed link names one.
 *
 * Commands for the engine (`train`, `stopTraining`, `sample`) are never dropped: the engine
 * takes seconds to start and load its model, so until it is ready they wait, in order, and the
 * host hears a `notice` saying so; `engineReady` tells it when they can run at once.
 *
 * A host may send thousands of messages a second. Each costs a bounded amount of work when it
 * arrives (checked, then merged into what is pending); settings, t steps and notices are applied
 * and sent once a frame, the last value of each setting winning; engine commands wait in a short
 * queue (a repeat of the last waiting command is merged into it). An `origin` that is given but
 * not valid shuts the bridge: no command is taken and no event sent (the page says why), and a
 * host page that makes postMessage throw stops the reports, never the widget.
 */
import { runStore, type RunState } from '../state/runStore';
import { samplingFrom } from '../state/sessionDefaults';
import { currentSettings, settingsStore, updateSettings } from '../state/settingsStore';
import { pause, play } from '../state/player';
import { checkSetting, parseOrigin, SETTINGS_TABLE, type SettingKey } from '../state/settingsTable';
import { acceptsSender, MESSAGE_SOURCE, parseHostCommand, type EngineCommand, type HostCommand } from './embedMessages';
import { engineSettled } from '../session/engineClient';

const PROGRESS_EVERY_MS = 100;
/** Notices sent to the host per frame at most; more are counted in one last notice. */
const NOTICES_PER_FRAME = 5;
/** Engine commands that may wait for the engine at once; more are refused with a notice. */
const MAX_WAITING = 16;
/** Pending settings are applied on the next animation frame, or after this long where frames do not come (a hidden frame). */
const FLUSH_FALLBACK_MS = 100;

export function connectToHost(widget: string): () => void {
  const parent = window.parent;
  if (parent === window) return () => {};
  const given = currentSettings().origin;
  // Fails closed: an origin that is given but not valid (the page shows the settings notice) means no bridge at all.
  const allowed = given === '' ? '' : parseOrigin(given);
  if (allowed === null) return () => {};
  let connected = true;
  let reporting = true;
  const send = (message: Record<string, unknown>): void => {
    if (!connected || !reporting) return;
    try {
      parent.postMessage({ source: MESSAGE_SOURCE, ...message }, allowed || '*');
    } catch (error) {
      // Never thrown into React (it would unmount the widget): the widget goes on, unheard.
      reporting = false;
      console.warn(`Diffusion Playground: stopped sending events to the host page (${error instanceof Error ? error.message : String(error)}).`);
    }
  };

  // What the host asked for since the last frame: checked settings (last value wins) and notices.
  let pending: Partial<Record<SettingKey, number | string>> = {};
  let hasPending = false;
  let notices: string[] = [];
  let droppedNotices = 0;
  let frame = 0;
  let fallback: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (frame) cancelAnimationFrame(frame);
    if (fallback) clearTimeout(fallback);
    frame = 0;
    fallback = null;
    const settings = pending;
    const apply = hasPending;
    const texts = notices;
    const dropped = droppedNotices;
    pending = {};
    hasPending = false;
    notices = [];
    droppedNotices = 0;
    if (apply) for (const text of updateSettings(settings)) texts.push(text);
    const unique = [...new Set(texts)];
    for (const text of unique.slice(0, NOTICES_PER_FRAME)) send({ type: 'notice', text });
    const more = dropped + Math.max(0, unique.length - NOTICES_PER_FRAME);
    if (more > 0) send({ type: 'notice', text: `${more} more notices left out.` });
  };
  const scheduleFlush = (): void => {
    if (frame || fallback) return;
    frame = requestAnimationFrame(flush);
    fallback = setTimeout(flush, FLUSH_FALLBACK_MS);
  };
  const notify = (text: string): void => {
    if (notices.length < NOTICES_PER_FRAME * 2) notices.push(text);
    else droppedNotices++;
    scheduleFlush();
  };
  /** Checks each setting now (a bounded amount of work) and keeps its value for the next frame. */
  const queueSettings = (input: Record<string, unknown>): void => {
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(SETTINGS_TABLE, key) || key === 'embed' || key === 'origin') continue; // a host cannot re-point the embed
      const { value, notice } = checkSetting(key as SettingKey, input[key]);
      if (value !== undefined) {
        pending[key as SettingKey] = value;
        hasPending = true;
      }
      if (notice) notify(notice);
    }
    scheduleFlush();
  };
  /** t as it will be once the pending settings are applied, moved to `t` within [0, T]. */
  const queueT = (next: (t: number, T: number) => number): void => {
    const live = currentSettings();
    const T = typeof pending.T === 'number' ? pending.T : live.T;
    const t = typeof pending.t === 'number' ? pending.t : live.t;
    queueSettings({ t: Math.min(T, Math.max(0, next(t, T))) });
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
  let waiting = 0;
  let lastWaiting: EngineCommand['type'] | null = null;
  const runOnEngine = (command: EngineCommand): void => {
    if (failed || runStore.getState().status === 'failed') {
      notify(`"${command.type}" was not run: the training engine could not start.`);
      return;
    }
    // The same command again while it still waits would do nothing more; a queue too long is a flood.
    if (waiting > 0 && lastWaiting === command.type) return;
    if (waiting >= MAX_WAITING) {
      notify(`"${command.type}" was not run: ${MAX_WAITING} commands are already waiting for the training engine.`);
      return;
    }
    if (!engineReady) notify(`The training engine is starting; "${command.type}" will run when it is ready.`);
    // Settings sent before the command apply to it.
    flush();
    waiting++;
    lastWaiting = command.type;
    queue = queue.then(async () => {
      waiting--;
      if (waiting === 0) lastWaiting = null;
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
      case 'set':
        queueSettings(command.settings);
        return;
      case 'step':
        queueT((t) => t + command.delta);
        return;
      case 'play':
        flush();
        play();
        return;
      case 'pause':
        pause();
        return;
      case 'reset': // as the player's reset: stop, and t back to its default (or T if smaller)
        pause();
        queueT((_t, T) => Math.min(T, SETTINGS_TABLE.t.default));
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
    if (command?.type === 'refused') notify(command.notice);
    else if (command) run(command);
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
    if (frame) cancelAnimationFrame(frame);
    if (fallback) clearTimeout(fallback);
    if (trailing) clearTimeout(trailing);
    unsubscribeT();
    unsubscribeRun();
  };
}
