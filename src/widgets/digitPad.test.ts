import { describe, expect, it } from 'vitest';
import {
  cellAt, cellsOnSegment, cycleLevel, emptyPad, inkedCells, isEmpty, moveCursor, paint, paintCells, padToUnit, PAD_CELLS, scribble, setLevel, unitToPad,
} from './digitPad';

const at = (pad: Uint8Array, row: number, col: number): number => pad[row * 8 + col]!;

describe('digit pad painting', () => {
  it('a pen touch inks its cell fully (level 16) and nothing else', () => {
    const pad = paint(emptyPad(), { row: 2, col: 3 }, 'pen');
    expect(at(pad, 2, 3)).toBe(16);
    expect(inkedCells(pad)).toBe(1);
  });

  it('a soft pen also gives its 4 neighbours half ink (8), never lightening ink already there', () => {
    let pad = paint(emptyPad(), { row: 2, col: 4 }, 'pen');
    pad = paint(pad, { row: 2, col: 3 }, 'soft');
    expect([at(pad, 2, 3), at(pad, 1, 3), at(pad, 3, 3), at(pad, 2, 2), at(pad, 2, 4)]).toEqual([16, 8, 8, 8, 16]);
    expect(at(pad, 1, 2)).toBe(0); // diagonal untouched
    expect(inkedCells(pad)).toBe(5);
  });

  it('a soft pen in a corner stays on the pad', () => {
    const pad = paint(emptyPad(), { row: 0, col: 0 }, 'soft');
    expect(inkedCells(pad)).toBe(3);
    expect(pad.length).toBe(64);
  });

  it('the eraser returns its cell to background only', () => {
    const inked = paint(emptyPad(), { row: 4, col: 4 }, 'soft');
    const pad = paint(inked, { row: 4, col: 4 }, 'eraser');
    expect(at(pad, 4, 4)).toBe(0);
    expect(inkedCells(pad)).toBe(4);
  });

  it('painting returns a new array and leaves the old one (the drawing is never lost)', () => {
    const before = emptyPad();
    const after = paint(before, { row: 1, col: 1 }, 'pen');
    expect(after).not.toBe(before);
    expect(isEmpty(before)).toBe(true);
  });

  it('a cell off the pad changes nothing', () => {
    expect(isEmpty(paint(emptyPad(), { row: 8, col: 0 }, 'pen'))).toBe(true);
    expect(isEmpty(paint(emptyPad(), { row: 0, col: -1 }, 'soft'))).toBe(true);
  });

  it('a stroke between two far cells leaves no gaps (Bresenham line)', () => {
    expect(cellsOnSegment({ row: 0, col: 0 }, { row: 0, col: 3 })).toEqual([0, 1, 2, 3].map((col) => ({ row: 0, col })));
    expect(cellsOnSegment({ row: 7, col: 7 }, { row: 0, col: 0 })).toHaveLength(8);
    const steep = cellsOnSegment({ row: 0, col: 1 }, { row: 7, col: 3 });
    expect(steep).toHaveLength(8); // one cell per row on a steep line
    expect(steep.map((c) => c.row)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(cellsOnSegment({ row: 5, col: 5 }, { row: 5, col: 5 })).toEqual([{ row: 5, col: 5 }]);
    expect(inkedCells(paintCells(emptyPad(), cellsOnSegment({ row: 3, col: 0 }, { row: 3, col: 7 }), 'pen'))).toBe(8);
  });
});

describe('digit pad pointer and keyboard', () => {
  it('maps a pointer position to its cell, and off the pad to none', () => {
    expect(cellAt(0, 0, 320)).toEqual({ row: 0, col: 0 });
    expect(cellAt(319.9, 319.9, 320)).toEqual({ row: 7, col: 7 });
    expect(cellAt(41, 79, 320)).toEqual({ row: 1, col: 1 }); // 40 px per cell
    expect(cellAt(320, 10, 320)).toBeNull();
    expect(cellAt(-1, 10, 320)).toBeNull();
    expect(cellAt(10, 10, 0)).toBeNull();
  });

  it('arrow keys move the cursor one cell and stop at the edges; Home/End go to the row ends', () => {
    expect(moveCursor({ row: 3, col: 3 }, 'ArrowUp')).toEqual({ row: 2, col: 3 });
    expect(moveCursor({ row: 3, col: 3 }, 'ArrowDown')).toEqual({ row: 4, col: 3 });
    expect(moveCursor({ row: 3, col: 3 }, 'ArrowLeft')).toEqual({ row: 3, col: 2 });
    expect(moveCursor({ row: 3, col: 3 }, 'ArrowRight')).toEqual({ row: 3, col: 4 });
    expect(moveCursor({ row: 0, col: 0 }, 'ArrowUp')).toEqual({ row: 0, col: 0 });
    expect(moveCursor({ row: 0, col: 0 }, 'ArrowLeft')).toEqual({ row: 0, col: 0 });
    expect(moveCursor({ row: 7, col: 7 }, 'ArrowDown')).toEqual({ row: 7, col: 7 });
    expect(moveCursor({ row: 7, col: 7 }, 'ArrowRight')).toEqual({ row: 7, col: 7 });
    expect(moveCursor({ row: 5, col: 4 }, 'Home')).toEqual({ row: 5, col: 0 });
    expect(moveCursor({ row: 5, col: 4 }, 'End')).toEqual({ row: 5, col: 7 });
    expect(moveCursor({ row: 5, col: 4 }, 'a')).toBeNull();
  });

  it('Space/Enter cycles a cell: background → half ink → full ink → background', () => {
    expect([cycleLevel(0), cycleLevel(8), cycleLevel(16)]).toEqual([8, 16, 0]);
    expect(cycleLevel(3)).toBe(16); // any grey goes to full ink
    const pad = setLevel(emptyPad(), { row: 1, col: 2 }, cycleLevel(0));
    expect(at(pad, 1, 2)).toBe(8);
    expect(at(setLevel(pad, { row: 1, col: 2 }, 99), 1, 2)).toBe(16); // clamped
    expect(at(setLevel(pad, { row: 1, col: 2 }, -4), 1, 2)).toBe(0);
  });
});

describe('digit pad values', () => {
  it('is empty only when every cell is background', () => {
    expect(isEmpty(emptyPad())).toBe(true);
    expect(isEmpty(setLevel(emptyPad(), { row: 7, col: 7 }, 1))).toBe(false);
  });

  it('sends the 17 grey levels as x = −1 + k/8 (eq. 8.1), and reads them back', () => {
    const levels = Uint8Array.from({ length: 64 }, (_, i) => i % 17);
    const x = padToUnit(levels);
    expect(x[0]).toBe(-1);
    expect(x[8]).toBe(0);
    expect(x[16]).toBe(1);
    expect(x[5]).toBeCloseTo(-1 + 5 / 8, 7);
    expect(Array.from(unitToPad(x))).toEqual(Array.from(levels));
    expect(Array.from(unitToPad(new Float32Array(64).fill(1.3)))).toEqual(new Array(64).fill(16)); // clamped
  });

  it('a scribble is seeded grey-level noise: the same for a seed, every level 0 … 16, about half the mean ink', () => {
    const a = scribble(3);
    expect(Array.from(a)).toEqual(Array.from(scribble(3)));
    expect(Array.from(a)).not.toEqual(Array.from(scribble(4)));
    expect(a.length).toBe(PAD_CELLS);
    expect(a.every((v) => Number.isInteger(v) && v >= 0 && v <= 16)).toBe(true);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean).toBeGreaterThan(5); // uniform on 0 … 16 has mean 8 and sd ≈ 4.9, so a mean of 64 has sd ≈ 0.6
    expect(mean).toBeLessThan(11);
  });
});
