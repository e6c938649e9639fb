/**
 * Money travels as integer minor units plus an ISO 4217 currency (CONVENTIONS: never floats) and is
 * only turned into text here. The number of minor digits comes from the currency itself, so JPY
 * (none) and KWD (three) format correctly without a table of our own.
 */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

/** A `{ amount, currency }` pair from the API, formatted. */
export const formatMoneyOf = (money: { amount: number; currency: string }, locale?: string) =>
  formatMoney(money.amount, money.currency, locale);

/** Axis labels: whole units, compact ("$1.2K"), so a chart's axis stays narrow. */
export function formatMoneyCompact(amountMinor: number, currency: string, locale?: string): string {
  const digits = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    ...(amountMinor !== 0 && Math.abs(amountMinor) < 10 ** digits
      ? { minimumFractionDigits: digits, maximumFractionDigits: digits }
      : { minimumFractionDigits: 0, maximumFractionDigits: 1 }),
  }).format(amountMinor / 10 ** digits);
}
