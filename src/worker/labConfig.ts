/**
 * What the page and the worker agree on about the chapter-7 lab models beyond their fixed
 * settings (those are the engine's: src/engine/labSettings.ts). No tfjs here, so the page can
 * import it.
 */

/** The one-shot widget compares its network with the signals DDPM from the same x_T, so its Train button trains both. */
export const ONE_SHOT_TRAINS = ['oneShot', 'signals'] as const;

/** Most samples one lab request may ask for. */
export const MAX_LAB_SAMPLES = 2000;
