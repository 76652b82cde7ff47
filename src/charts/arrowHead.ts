/** Arrowheads for SVG arrows drawn as a line plus a filled triangle (the ε̂ field). */

/**
 * A filled triangular head at (x2, y2) for the arrow from (x1, y1): 40% of the arrow's length, at
 * most 6 px long, as wide as it is long. The shaft stops at the head's base, so its square end does
 * not poke through the tip. Null for arrows under 1.5 px, which would be all head.
 */
export function arrowHead(x1: number, y1: number, x2: number, y2: number): { d: string; baseX: number; baseY: number } | null {
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len < 1.5) return null;
  const h = Math.min(6, 0.4 * len);
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const baseX = x2 - ux * h;
  const baseY = y2 - uy * h;
  const w = h / 2;
  const r = (v: number) => Math.round(v * 100) / 100;
  return { d: `M${r(x2)},${r(y2)}L${r(baseX - uy * w)},${r(baseY + ux * w)}L${r(baseX + uy * w)},${r(baseY - ux * w)}Z`, baseX, baseY };
}
