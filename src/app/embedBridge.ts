/**
 * Connects an embedded widget to its host page: commands from the parent (validated by
 * embedMessages.ts) drive the settings, the t player and training; the widget reports t and
 * training progress back. Only the parent window is listened to, and only the `origin` setting's
 * origin when the embed link names one.
 */
import { runStore } from '../state/runStore';
import { currentSettings, settingsStore, updateSettings } from '../state/settingsStore';
import { pause, play, resetPlayer, stepT } from '../state/player';
import { acceptsSender, MESSAGE_SOURCE, parseHostCommand, type HostCommand } from './embedMessages';
import { getEngineClient } from './engineClient';

const PROGRESS_EVERY_MS = 100;

export function connectToHost(widget: string): () => void {
  const parent = window.parent;
  if (parent === window) return () => {};
  const allowed = currentSettings().origin;
  const send = (message: Record<string, unknown>): void => parent.postMessage({ source: MESSAGE_SOURCE, ...message }, allowed || '*');

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
        if (runStore.getState().status === 'ready') void getEngineClient().train();
        return;
      case 'stopTraining':
        if (runStore.getState().training) void getEngineClient().pause();
    }
  };
  const onMessage = (event: MessageEvent): void => {
    if (!acceptsSender(event, parent, allowed)) return;
    const command = parseHostCommand(event.data);
    if (command) run(command);
  };
  window.addEventListener('message', onMessage);

  const unsubscribeT = settingsStore.subscribe((s, prev) => s.t !== prev.t && send({ type: 't', t: s.t }));
  let lastProgress = 0;
  const unsubscribeRun = runStore.subscribe((s, prev) => {
    if (s.step === prev.step || performance.now() - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = performance.now();
    send({ type: 'progress', step: s.step, loss: s.smoothedLoss });
  });
  send({ type: 'ready', widget, t: currentSettings().t });
  return () => {
    window.removeEventListener('message', onMessage);
    unsubscribeT();
    unsubscribeRun();
  };
}
