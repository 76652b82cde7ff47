/**
 * The shared timestep player: play/pause animates the settings' t through 0 … T, step moves it by
 * one, reset stops and returns t to its default. Presentation-mode keys and the embed postMessage
 * API drive widgets through these same functions.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { SETTINGS_TABLE } from './settingsTable';
import { currentSettings, updateSettings } from './settingsStore';

const TICK_MS = 50;
/** A full sweep 0 → T takes about this many ticks, whatever T is. */
const TICKS_PER_SWEEP = 120;

export const playerStore = createStore<{ playing: boolean }>(() => ({ playing: false }));

export function usePlaying(): boolean {
  return useStore(playerStore, (s) => s.playing);
}

let timer: ReturnType<typeof setInterval> | null = null;

/** Moves t by `delta` steps, staying within [0, T]. */
export function stepT(delta: number): void {
  const { t, T } = currentSettings();
  updateSettings({ t: Math.min(T, Math.max(0, t + delta)) });
}

export function play(): void {
  if (timer) return;
  playerStore.setState({ playing: true });
  timer = setInterval(() => {
    const { t, T } = currentSettings();
    const stride = Math.max(1, Math.round(T / TICKS_PER_SWEEP));
    updateSettings({ t: t >= T ? 0 : Math.min(T, t + stride) });
  }, TICK_MS);
}

export function pause(): void {
  if (timer) clearInterval(timer);
  timer = null;
  playerStore.setState({ playing: false });
}

export function togglePlay(): void {
  if (timer) pause();
  else play();
}

export function resetPlayer(): void {
  pause();
  const { T } = currentSettings();
  updateSettings({ t: Math.min(T, SETTINGS_TABLE.t.default) });
}
