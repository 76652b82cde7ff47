/**
 * The benchmark's results and how they are printed. No tfjs here: the page's main thread and the
 * Node runner both format reports with it, while the cases themselves run in ./cases.ts.
 */

export const BENCH_CASES = ['train', 'ddim', 'ddpm', 'quality', 'trainSignals', 'trainOneShot', 'trainGuided', 'trainImages', 'sampleImages', 'imagesToQuality', 'trainVideo', 'sampleVideo', 'videoToBar', 'latentToQuality', 'sampleLatent', 'trainUpsample', 'upsampleToBar', 'sampleUpsample'] as const;
export type BenchCase = (typeof BENCH_CASES)[number];

/** What each case measures, in the words of the table. */
export const CASE_LABELS: Record<BenchCase, string> = {
  train: 'training, default model, batch 256',
  ddim: 'DDIM 50 steps × 2000 points',
  ddpm: 'DDPM 1000 steps × 2000 points',
  quality: 'time to quality (two moons, ratio ≤ 0.25)',
  trainSignals: 'training, chapter 7 sine DDPM (worker loop)',
  trainOneShot: 'training, chapter 7 one-shot denoiser beside the sine DDPM (worker loop)',
  trainGuided: 'training, chapter 7 guided denoiser (worker loop)',
  trainImages: 'training, 8×8 digit model, batch 128 (worker loop)',
  sampleImages: 'DDIM 50 steps × 64 digit images',
  imagesToQuality: 'time to quality (8×8 digits, 2000 samples pass the digit bar)',
  trainVideo: 'training, video joint model (worker loop)',
  sampleVideo: 'DDIM 50 steps × 32 clips from each video model (joint, per-frame), scored',
  videoToBar: 'time to the bar (joint video model from scratch, 300 clips)',
  latentToQuality: 'training, latent DDPM on digit codes (d = 8): 2000 decoded samples pass the digit bar (500 in quick runs)',
  sampleLatent: 'DDIM 50 steps × 2000 latent codes, decoded to digits (500 in quick runs)',
  trainUpsample: 'training, upsampler from 4×4 to 8×8 digits, from scratch (worker loop)',
  upsampleToBar: 'time to the bar (upsampler from scratch: condition error < 1/16, spread > 1/16)',
  sampleUpsample: 'upsampling: DDIM 50 steps × 8 completions of one 4×4 image',
};

export interface Target {
  /** '>=' for rates (more is better), '<=' for times. */
  op: '>=' | '<=';
  value: number;
}

/** The targets on a 2-core machine without a GPU (training: on the fastest browser backend). */
export const TARGETS: Record<BenchCase, Target> = {
  train: { op: '>=', value: 300 },
  ddim: { op: '<=', value: 1 },
  ddpm: { op: '<=', value: 10 },
  quality: { op: '<=', value: 15 },
  // Chapter 7's widgets and tests train 300 steps: at 100 steps/s that is a 3-s wait.
  trainSignals: { op: '>=', value: 100 },
  trainOneShot: { op: '>=', value: 100 },
  trainGuided: { op: '>=', value: 100 },
  // Issue 14: the digits pass the bar ≤ 60 s after Train, a 64-image DDIM-50 grid ≤ 1 s. Training
  // has no absolute target there (at least PyTorch's rate on the same CPU, see the README); 100
  // steps/s is ~1,200 steps, the recipe's first pass of the bar, in 12 s.
  trainImages: { op: '>=', value: 100 },
  sampleImages: { op: '<=', value: 1 },
  imagesToQuality: { op: '<=', value: 60 },
  // Issue 15: the joint model reaches its bar ≤ 2 min in Chromium; the recipe measured ~2,500–3,100
  // steps to the bar, so 30 steps/s is that in ~100 s. One "Sample again" of the widget ≤ 2 s.
  trainVideo: { op: '>=', value: 30 },
  sampleVideo: { op: '<=', value: 2 },
  videoToBar: { op: '<=', value: 120 },
  // Issue 15: latent DDPM training ≤ 20 s. Sampling has no issue target: one second, as for the image grid.
  latentToQuality: { op: '<=', value: 20 },
  sampleLatent: { op: '<=', value: 1 },
  // Issue 15 sets no training target for the upsampler: 50 steps/s trains the shipped file's 8,000
  // steps in under 3 minutes (its recipe measured condition error 0.055 after 4,000, 80 s).
  trainUpsample: { op: '>=', value: 50 },
  // No issue target either: the shipped file's 8,000 steps took 90 s under Node; a minute for its bar.
  upsampleToBar: { op: '<=', value: 60 },
  // Issue 15: the upsample widget answers a new condition or seed within a second.
  sampleUpsample: { op: '<=', value: 1 },
};

export interface CaseResult {
  /** Where it ran: under Node, or in a browser's worker. */
  where: 'node' | 'browser';
  backend: string;
  case: BenchCase;
  /** Training: steps per second; sampling and time to quality: seconds. Null when it failed or never got there. */
  value: number | null;
  unit: 'steps/s' | 's';
  /** True when the figure is scaled up from a run cut short by a time cap (steps done → all steps). */
  extrapolated: boolean;
  /** How the figure was obtained, e.g. "2113 steps in 10.0 s". */
  note: string;
  /** Set when the case threw. */
  error?: string;
  /** Extra numbers for the JSON (per-case). */
  detail?: Record<string, unknown>;
}

export interface BenchEnvironment {
  /** navigator.userAgent in a browser, "node vX" under Node. */
  agent: string;
  cores: number | null;
  tfjs: string;
  /** Backend details (WebGPU adapter, WASM SIMD/threads) per backend. */
  backends: Record<string, string>;
}

/**
 * The page budget, measured on the main thread: what opening chapter 1 costs (by the Node runner,
 * from `vite preview` in a fresh browser profile) and drawing a frame of 2000 points (by the bench page).
 */
export const PAGE_CASES = ['script', 'chapter', 'draw'] as const;
export type PageCase = (typeof PAGE_CASES)[number];

export const PAGE_LABELS: Record<PageCase, string> = {
  script: 'main-thread JavaScript for chapter 1, gzipped',
  chapter: 'chapter 1 rendered, first visit',
  draw: 'drawing 2000 points in a frame',
};

export const PAGE_TARGETS: Record<PageCase, Target> = {
  script: { op: '<=', value: 200 },
  chapter: { op: '<=', value: 1000 },
  draw: { op: '<=', value: 8 },
};

export interface PageResult {
  case: PageCase;
  /** The median over the runs; null when it failed. */
  value: number | null;
  unit: 'KB' | 'ms';
  note: string;
  error?: string;
  detail?: Record<string, unknown>;
}

export interface BenchReport {
  version: 1;
  quick: boolean;
  startedAt: string;
  environments: BenchEnvironment[];
  results: CaseResult[];
  /** Page-budget figures (absent when none were measured). */
  page?: PageResult[];
}

/** Progress as the cases run. */
export type BenchEvent =
  | { type: 'backend'; where: CaseResult['where']; backend: string; error?: string; info?: string }
  | { type: 'case'; backend: string; case: BenchCase; fraction: number; text: string }
  | { type: 'result'; result: CaseResult };

/** Whether a figure meets a target (null when there is no figure). */
export function meets(t: Target, value: number | null): boolean | null {
  if (value === null || !Number.isFinite(value)) return null;
  return t.op === '>=' ? value >= t.value : value <= t.value;
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function formatValue(r: CaseResult | PageResult): string {
  if (r.error) return 'failed';
  if (r.value === null || !Number.isFinite(r.value)) return 'not reached';
  const digits = r.unit === 's' ? (r.value < 10 ? 2 : 1) : r.value < 100 ? 1 : 0;
  return `${'extrapolated' in r && r.extrapolated ? '~' : ''}${r.value.toFixed(digits)} ${r.unit}`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** Column-aligned lines: a header, a rule, then the rows (the last column is not padded). */
function alignedTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k]!.length)));
  const line = (cells: string[]) => cells.map((c, k) => (k === cells.length - 1 ? c : pad(c, widths[k]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

const metText = (met: boolean | null): string => (met === null ? '–' : met ? 'yes' : 'no');

/** A plain-text table, one row per result, with the target and whether it is met; then the page budget. */
export function formatTable(report: BenchReport): string {
  const rows = report.results.map((r) => {
    const t = TARGETS[r.case];
    return [r.where, r.backend, CASE_LABELS[r.case], formatValue(r), `${t.op} ${t.value} ${r.unit}`, metText(meets(t, r.value)), r.error ?? r.note];
  });
  const page = (report.page ?? []).map((r) => {
    const t = PAGE_TARGETS[r.case];
    return [PAGE_LABELS[r.case], formatValue(r), `${t.op} ${t.value} ${r.unit}`, metText(meets(t, r.value)), r.error ?? r.note];
  });
  const env = report.environments.map((e) => `${e.agent} · ${e.cores ?? '?'} cores · tfjs ${e.tfjs}`).join('\n');
  return [
    `Diffusion Playground bench${report.quick ? ' (quick run: short runs, figures marked ~ are extrapolated)' : ''} · ${report.startedAt}`,
    env,
    '',
    ...alignedTable(['where', 'backend', 'case', 'result', 'target', 'met', 'how'], rows),
    ...(page.length > 0 ? ['', 'Page budget (main thread)', ...alignedTable(['case', 'result', 'target', 'met', 'how'], page)] : []),
  ].join('\n');
}
