/** Data and styling for the noise-schedule chart (no React, no DOM: unit-testable). */
import { makeSchedule, SCHEDULE_KINDS, type ScheduleKind } from '../engine/schedule';

export interface ScheduleSeries {
  kind: ScheduleKind;
  /** β_1 … β_T. */
  betas: Float64Array;
  /** ᾱ_1 … ᾱ_T. */
  alphaBars: Float64Array;
  /** SNR(t) = ᾱ_t / (1 − ᾱ_t) (eq. 3.8), for t = 1 … T. */
  snr: Float64Array;
}

/** β_t, ᾱ_t and SNR(t) for every schedule kind at T steps (default β range). */
export function scheduleSeries(T: number): ScheduleSeries[] {
  return SCHEDULE_KINDS.map((kind) => {
    const { betas, alphaBars, snr } = makeSchedule({ kind, T });
    return { kind, betas, alphaBars, snr };
  });
}

export interface SeriesStyle {
  label: string;
  /** Okabe–Ito colour-blind-safe palette. */
  color: string;
  /** SVG stroke-dasharray, so the lines differ in more than colour. */
  dash: string | undefined;
}

export const KIND_STYLE: Record<ScheduleKind, SeriesStyle> = {
  linear: { label: 'linear', color: '#0072B2', dash: undefined },
  quadratic: { label: 'quadratic', color: '#D55E00', dash: '7 4' },
  cosine: { label: 'cosine', color: '#009E73', dash: '2 3' },
  sigmoid: { label: 'sigmoid', color: '#CC79A7', dash: '10 3 2 3' },
};

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** Exponent k when `value` is 10^k (within rounding), else null. */
export function powerOfTen(value: number): number | null {
  if (!(value > 0)) return null;
  const k = Math.round(Math.log10(value));
  return Math.abs(Math.log10(value) - k) < 1e-9 ? k : null;
}

/** 10^k written as "10⁻³"; 1 is written "1". */
export function formatPowerOfTen(k: number): string {
  if (k === 0) return '1';
  return `10${[...String(k)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}
