/** The Okabe–Ito colour-blind-safe palette, by role. */
export const PALETTE = {
  blue: '#0072B2',
  orange: '#E69F00',
  vermillion: '#D55E00',
  green: '#009E73',
  purple: '#CC79A7',
  sky: '#56B4E9',
  grey: '#6e7781',
} as const;
