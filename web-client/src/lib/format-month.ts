/**
 * Months travel as "yyyy-mm" (statements, charts). They are calendar months, not instants, so they
 * are formatted in UTC: a reader west of Greenwich must not see November's figures labelled October.
 */
function monthDate(month: string): Date | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
}

/** "November 2026". Anything that is not "yyyy-mm" is returned as it came. */
export function formatMonth(month: string, locale?: string): string {
  const date = monthDate(month);
  return date ? new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date) : month;
}

/** "Nov" (for chart axes), with the year when it is January so a 12-month axis reads across the new year. */
export function formatMonthShort(month: string, locale?: string): string {
  const date = monthDate(month);
  if (!date) return month;
  const options: Intl.DateTimeFormatOptions =
    date.getUTCMonth() === 0 ? { month: 'short', year: '2-digit', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** A rate or share in basis points as a percentage: 5000 → "50%", 3333 → "33.33%". */
export function formatBasisPoints(bp: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10000);
}

/** A date (or instant) as the reader's short date, e.g. "27 Nov 2026". */
export function formatDay(value: string, locale?: string): string {
  // A bare date ("2026-11-27") is a calendar day: read it in UTC so it does not shift a day.
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(bare ? { timeZone: 'UTC' } : {}) }).format(new Date(value));
}
