/**
 * One entry of a chart's legend: a small mark drawn in the series' colour, then the label in the
 * page's text colour. The label is not itself coloured: several palette colours fall below the
 * 4.5:1 text contrast on one theme or the other (orange and sky on white, blue on dark).
 */
import type { ReactNode } from 'react';

export type LegendMark = 'line' | 'dashed' | 'dot' | 'ring';

export function LegendKey({ color, mark, children }: { color: string; mark: LegendMark; children: ReactNode }) {
  return (
    <li>
      <svg className="legend-mark" width={22} height={12} aria-hidden="true" focusable="false">
        {mark === 'line' || mark === 'dashed' ? (
          <line x1={1} x2={21} y1={6} y2={6} stroke={color} strokeWidth={2.5} strokeDasharray={mark === 'dashed' ? '3 3' : undefined} />
        ) : (
          <circle cx={11} cy={6} r={4.5} fill={mark === 'dot' ? color : 'none'} stroke={color} strokeWidth={2} />
        )}
      </svg>
      <span>{children}</span>
    </li>
  );
}
