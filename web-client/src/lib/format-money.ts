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
