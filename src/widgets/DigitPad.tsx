/**
 * The 8×8 draw pad: a focusable ARIA grid of 64 cells, each shaded by its grey level (ink in the
 * theme's text colour on the card colour, as ImageGrid draws digits). Pointer Events paint with
 * mouse, pen or touch (pointer capture, `touch-action: none`; the cells between two pointer events
 * are filled in, digitPad.cellsOnSegment); the keyboard moves an outlined cursor and cycles its
 * cell. The levels live in the parent; this component only turns events into digitPad calls.
 */
import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { cellAt, cellIndex, cellsOnSegment, cycleLevel, FULL_INK, moveCursor, paintCells, PAD_SIDE, setLevel, type Brush, type Cell, type PadLevels } from './digitPad';

interface Props {
  levels: PadLevels;
  brush: Brush;
  onChange: (levels: PadLevels) => void;
  /** A stroke, key press or example load has finished changing the pad. */
  onSettle: () => void;
  /** Cells per row (default 8, the digits'; 4 for the upsampler's low-res image). */
  side?: number;
}

const levelName = (k: number): string => (k === 0 ? 'blank' : k === FULL_INK ? 'full ink' : `ink ${k} of ${FULL_INK}`);

export function DigitPad({ levels, brush, onChange, onSettle, side = PAD_SIDE }: Props) {
  const id = useId();
  const [cursor, setCursor] = useState<Cell>({ row: side / 2 - 1, col: side / 2 - 1 });
  const [focused, setFocused] = useState(false);
  // The cursor is drawn only once the keyboard uses it: after a pointer stroke it would only be in the way.
  const [keyboard, setKeyboard] = useState(false);
  // The latest levels, for pointer moves that arrive before React re-renders.
  const live = useRef(levels);
  live.current = levels;
  const last = useRef<Cell | null>(null);

  const cellOf = (e: PointerEvent<HTMLDivElement>): Cell | null => {
    const r = e.currentTarget.getBoundingClientRect();
    return cellAt((e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height, 1, side); // fractions of the (square) pad
  };
  const stroke = (cells: Cell[]): void => {
    const next = paintCells(live.current, cells, brush, side);
    live.current = next;
    onChange(next);
  };

  const down = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    const cell = cellOf(e);
    if (!cell) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setKeyboard(false);
    last.current = cell;
    setCursor(cell);
    stroke([cell]);
  };
  const move = (e: PointerEvent<HTMLDivElement>): void => {
    if (!last.current) return;
    const cell = cellOf(e);
    if (!cell) return; // off the pad: nothing, and the stroke resumes where it comes back
    if (cell.row === last.current.row && cell.col === last.current.col) return;
    stroke(cellsOnSegment(last.current, cell));
    last.current = cell;
    setCursor(cell);
  };
  const up = (): void => {
    if (!last.current) return;
    last.current = null;
    onSettle();
  };

  const key = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'Tab') setKeyboard(true);
    const moved = moveCursor(cursor, e.key, side);
    if (moved) {
      e.preventDefault();
      setCursor(moved);
      return;
    }
    const i = cellIndex(cursor, side);
    let next: PadLevels | null = null;
    if (e.key === ' ' || e.key === 'Enter') next = setLevel(levels, cursor, cycleLevel(levels[i]!), side);
    else if (e.key === 'Delete' || e.key === 'Backspace') next = setLevel(levels, cursor, 0, side);
    if (!next) return;
    e.preventDefault();
    onChange(next);
    onSettle();
  };

  const cellId = (c: Cell): string => `${id}-r${c.row}c${c.col}`;
  return (
    <div className="digit-pad-box">
      <div
        className={`digit-pad${focused ? ' focused' : ''}${side !== PAD_SIDE ? ` digit-pad-${side}` : ''}`}
        role="grid"
        tabIndex={0}
        aria-label={`drawing pad, ${side} by ${side} cells`}
        aria-describedby={`${id}-help`}
        aria-activedescendant={focused ? cellId(cursor) : undefined}
        data-testid="digit-pad"
        data-ink={Array.from(levels).join(',')}
        data-cursor={`${cursor.row},${cursor.col}`}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onLostPointerCapture={up}
        onKeyDown={key}
        onFocus={() => setFocused(true)}
        onKeyUp={(e) => e.key === 'Tab' && setKeyboard(true)}
        onBlur={() => setFocused(false)}
      >
        {Array.from({ length: side }, (_, row) => (
          <div role="row" key={row} className="digit-pad-row">
            {Array.from({ length: side }, (_, col) => {
              const k = levels[row * side + col]!;
              const here = focused && keyboard && cursor.row === row && cursor.col === col;
              return (
                <div
                  key={col}
                  id={cellId({ row, col })}
                  role="gridcell"
                  aria-label={`row ${row + 1}, column ${col + 1}: ${levelName(k)}`}
                  className={`digit-pad-cell${here ? ' cursor' : ''}`}
                  style={{ background: `color-mix(in srgb, var(--fg) ${Math.round((100 * k) / FULL_INK)}%, var(--card))` }}
                />
              );
            })}
          </div>
        ))}
      </div>
      <p className="lab-note" id={`${id}-help`}>
        Draw with a mouse, pen or finger. Keyboard: the arrow keys move the outlined cell; Space or Enter turns it blank → grey → black → blank; Delete clears it.
      </p>
    </div>
  );
}
