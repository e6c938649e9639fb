/**
 * Value axes for the hand-rolled charts. Pure functions so the proportions can be tested without
 * a browser: a bar's length is always `value / (max - min)` of the plot, and zero is always on the
 * axis (negative months, such as a month of refunds, go below it).
 */

/** A 1, 2 or 5 × 10ⁿ step that splits `range` into about `count` parts. */
export function niceStep(range: number, count: number): number {
  if (!(range > 0) || count < 1) return 1;
  const raw = range / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  // Money is in minor units: never a step below one unit.
  return Math.max(1, nice * power);
}

export type Domain = { min: number; max: number; ticks: number[] };

/** Always includes zero; rounded out to whole steps so the gridlines land on round amounts. */
export function valueDomain(values: readonly number[], tickCount = 4): Domain {
  const finite = values.filter((v) => Number.isFinite(v));
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  if (lo === 0 && hi === 0) return { min: 0, max: 1, ticks: [0] };
  const step = niceStep(hi - lo, tickCount);
  // `|| 0` turns -0 (from a column of zero refunds) into 0, so no axis reads "-$0".
  const min = Math.floor(lo / step) * step || 0;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 2; t += step) ticks.push(Math.round(t) || 0);
  return { min, max, ticks };
}

/** Maps a value to a distance along an axis of `length` pixels, 0 at `domain.min`. */
export function scale(domain: Domain, length: number) {
  const span = domain.max - domain.min || 1;
  return (value: number) => ((value - domain.min) / span) * length;
}

/** True when there is nothing to draw: no points, or every value is zero. */
export function isEmpty(values: readonly number[]): boolean {
  return values.every((v) => v === 0);
}
