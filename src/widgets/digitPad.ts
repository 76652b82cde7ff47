/**
 * The 8×8 draw pad of "How likely is this image?" (chapter 8) as plain data: 64 grey levels
 * 0 … 16 (the digits' 17 levels; the model sees x = −1 + k/8, eq. 8.1), row-major. Painting,
 * the keyboard cursor, and the examples a reader can load are pure functions here; the pad
 * component only turns pointer and key events into calls to them.
 */
import { DIGIT_SIDE } from '../engine/datasets/digits';
import { DIGIT_MAX_LEVEL } from '../engine/pixelScale';
import { makeRng } from '../engine/rng';

export const PAD_SIDE = DIGIT_SIDE;
export const PAD_CELLS = PAD_SIDE * PAD_SIDE;
export const FULL_INK = DIGIT_MAX_LEVEL;
/** The level a soft pen leaves on the 4 neighbours of the cell it paints: half ink, as the digits' blurred strokes. */
export const SOFT_EDGE = FULL_INK / 2;

/** 64 grey levels, 0 (background) … 16 (full ink), row after row. */
export type PadLevels = Uint8Array;
/** pen: the cell to full ink; soft: that, and each of its 4 neighbours to at least half ink; eraser: the cell to background. */
export type Brush = 'pen' | 'soft' | 'eraser';
export interface Cell {
  row: number;
  col: number;
}

export const emptyPad = (): PadLevels => new Uint8Array(PAD_CELLS);
// `side`: cells per row of a square pad (8 for the digit pad, 4 for the upsampler's low-res pad).
export const cellIndex = ({ row, col }: Cell, side = PAD_SIDE): number => row * side + col;
const inside = (row: number, col: number, side = PAD_SIDE): boolean => row >= 0 && row < side && col >= 0 && col < side;

/** Cells with any ink. */
export function inkedCells(levels: PadLevels): number {
  let n = 0;
  for (const v of levels) if (v > 0) n++;
  return n;
}

/** True when every cell is background: nothing drawn, nothing to score. */
export const isEmpty = (levels: PadLevels): boolean => inkedCells(levels) === 0;

/** The pad after one touch of `brush` at `cell` (a new array; the old one is kept, so React sees the change). Ink only ever darkens. */
export function paint(levels: PadLevels, cell: Cell, brush: Brush, side = PAD_SIDE): PadLevels {
  const out = levels.slice();
  if (!inside(cell.row, cell.col, side)) return out;
  const i = cellIndex(cell, side);
  if (brush === 'eraser') {
    out[i] = 0;
    return out;
  }
  out[i] = FULL_INK;
  if (brush === 'soft') {
    for (const [dr, dc] of [[-1, 0], [1, 0], [0, -1], [0, 1]] as const) {
      const r = cell.row + dr;
      const c = cell.col + dc;
      if (inside(r, c, side)) out[cellIndex({ row: r, col: c }, side)] = Math.max(out[cellIndex({ row: r, col: c }, side)]!, SOFT_EDGE);
    }
  }
  return out;
}

/** Every cell on the straight line from `a` to `b` (Bresenham), both ends included: a fast stroke leaves no gaps between pointer events. */
export function cellsOnSegment(a: Cell, b: Cell): Cell[] {
  const cells: Cell[] = [];
  let { row, col } = a;
  const dc = Math.abs(b.col - col);
  const dr = -Math.abs(b.row - row);
  const sc = col < b.col ? 1 : -1;
  const sr = row < b.row ? 1 : -1;
  let err = dc + dr;
  for (;;) {
    cells.push({ row, col });
    if (row === b.row && col === b.col) return cells;
    const e2 = 2 * err;
    if (e2 >= dr) {
      err += dr;
      col += sc;
    }
    if (e2 <= dc) {
      err += dc;
      row += sr;
    }
  }
}

/** The pad after a stroke of `brush` along `cells`. */
export const paintCells = (levels: PadLevels, cells: readonly Cell[], brush: Brush, side = PAD_SIDE): PadLevels => cells.reduce((pad, c) => paint(pad, c, brush, side), levels);

/** The cell under a point `x`, `y` pixels from the pad's top-left corner on a square pad `size` pixels wide; null off the pad. */
export function cellAt(x: number, y: number, size: number, side = PAD_SIDE): Cell | null {
  if (!(size > 0) || x < 0 || y < 0 || x >= size || y >= size) return null;
  return { row: Math.floor((y / size) * side), col: Math.floor((x / size) * side) };
}

const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** The keyboard cursor after `key` (arrows move one cell, Home/End to the row's ends), clamped to the pad; null for any other key. */
export function moveCursor(cursor: Cell, key: string, side = PAD_SIDE): Cell | null {
  const clamp = (v: number): number => Math.min(side - 1, Math.max(0, v));
  if (key === 'Home') return { row: cursor.row, col: 0 };
  if (key === 'End') return { row: cursor.row, col: side - 1 };
  const move = MOVES[key];
  return move ? { row: clamp(cursor.row + move[0]), col: clamp(cursor.col + move[1]) } : null;
}

/** The level Space/Enter gives a cell at `level`: background → half ink → full ink → background. */
export function cycleLevel(level: number): number {
  if (level <= 0) return SOFT_EDGE;
  if (level < FULL_INK) return FULL_INK;
  return 0;
}

/** The pad with `cell` set to `level` (clamped to 0 … 16). */
export function setLevel(levels: PadLevels, cell: Cell, level: number, side = PAD_SIDE): PadLevels {
  const out = levels.slice();
  if (inside(cell.row, cell.col, side)) out[cellIndex(cell, side)] = Math.min(FULL_INK, Math.max(0, Math.round(level)));
  return out;
}

/** The model's values x = −1 + k/8 (eq. 8.1), the only values the worker's likelihood accepts. */
export function padToUnit(levels: PadLevels): Float32Array {
  return Float32Array.from(levels, (k) => -1 + k / 8);
}

/** One image (64 values in [−1, 1], on or near the grey-level grid) as pad levels, each to its nearest level. */
export function unitToPad(pixels: ArrayLike<number>, cells = PAD_CELLS): PadLevels {
  return Uint8Array.from({ length: cells }, (_, i) => Math.min(FULL_INK, Math.max(0, Math.round((pixels[i]! + 1) * 8))));
}

/** A scribble: every cell an independent uniform grey level 0 … 16 from `seed`, noise no digit looks like. */
export function scribble(seed: number): PadLevels {
  const rng = makeRng(seed);
  return Uint8Array.from({ length: PAD_CELLS }, () => rng.int(FULL_INK + 1));
}
