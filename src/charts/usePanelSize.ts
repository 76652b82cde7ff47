/**
 * The plot size for `count` scatter panels side by side in the element the ref is attached to, so
 * a comparison (DDPM beside DDIM, β_t beside σ̃²_t) is seen at once instead of one above the
 * other: as large as the row allows, at most MAX_PX. Below MIN_PX each they would be too small to
 * read, so on a phone they stack, each as wide as the row.
 */
import type { RefObject } from 'react';
import { useElementWidth } from './useElementWidth';

const MIN_PX = 160;
const MAX_PX = 260;
/** Per panel: the rotated y-axis label and its gap; between panels: the row's column gap (1.5rem). */
const LABEL_PX = 22;
const GAP_PX = 24;
/** Sub-pixel widths round up; without a margin two panels that fit exactly would wrap. */
const SLACK_PX = 2;

export function panelSize(rowWidth: number, count: number): number {
  const each = Math.floor((rowWidth - (count - 1) * GAP_PX - SLACK_PX) / count) - LABEL_PX;
  if (each >= MIN_PX) return Math.min(MAX_PX, each);
  // Too narrow to share a row (a phone): one panel a row, as wide as the row allows.
  return Math.max(MIN_PX / 2, Math.min(MAX_PX, rowWidth - LABEL_PX - SLACK_PX));
}

export function usePanelSize(count: number): [RefObject<HTMLDivElement | null>, number] {
  const [ref, width] = useElementWidth<HTMLDivElement>(2 * (MAX_PX + LABEL_PX) + GAP_PX);
  return [ref, panelSize(width, count)];
}
