const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * A waiting time in the largest whole unit a person would say: "less than a minute",
 * "5 minutes", "3 hours", "3 days".
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < MINUTE) return 'less than a minute';
  if (s < HOUR) return plural(Math.floor(s / MINUTE), 'minute');
  if (s < DAY) return plural(Math.floor(s / HOUR), 'hour');
  return plural(Math.floor(s / DAY), 'day');
}

/** The stats endpoint reports waits in (fractional) hours. */
export const formatHours = (hours: number) => formatDuration(hours * HOUR);
