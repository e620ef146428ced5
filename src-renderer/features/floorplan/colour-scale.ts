// The colour scale of numeric values: a blue → green → yellow → red ramp that stays readable on the
// dark workbench, shared by the rooms and the legend so the two always agree.

const stops: readonly (readonly [number, number, number])[] = [
  [0.19, 0.38, 0.85],
  [0.16, 0.69, 0.76],
  [0.36, 0.78, 0.42],
  [0.96, 0.8, 0.26],
  [0.91, 0.3, 0.24],
];

/** A diverging ramp for differences: blue below zero, a neutral grey at zero, red above. */
const divergingStops: readonly (readonly [number, number, number])[] = [
  [0.13, 0.35, 0.85],
  [0.45, 0.62, 0.9],
  [0.78, 0.8, 0.82],
  [0.93, 0.55, 0.42],
  [0.86, 0.2, 0.18],
];

function along(stops: readonly (readonly [number, number, number])[], t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** The ramp's colour at `t` (clamped to 0–1), channels 0–1. */
export function rampColour(t: number): [number, number, number] {
  return along(stops, t);
}

/** The diverging ramp's colour at `t` (0: most negative, 0.5: zero, 1: most positive). */
export function divergingColour(t: number): [number, number, number] {
  return along(divergingStops, t);
}

/** A ramp as a CSS gradient, for the legend. */
export function rampGradient(diverging = false): string {
  const palette = diverging ? divergingStops : stops;
  return `linear-gradient(to right, ${palette.map(([r, g, b], i) => `rgb(${Math.round(r * 255)} ${Math.round(g * 255)} ${Math.round(b * 255)}) ${(i / (palette.length - 1)) * 100}%`).join(', ')})`;
}

/** Colour of rooms with no value, and of rooms whose twin is gone. */
export const noValueColour: [number, number, number] = [0.42, 0.46, 0.52];
export const selectedColour: [number, number, number] = [1, 1, 1];

/** `#rrggbb` as channels 0–1. */
export function hexColour(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** A colour pushed back towards the background: rooms outside an overlay. */
export function dimmedColour([r, g, b]: readonly [number, number, number]): [number, number, number] {
  return [0.12 + r * 0.18, 0.13 + g * 0.18, 0.15 + b * 0.18];
}
