/**
 * What a person types as an amount ("1,234.50", "25", "25.5") → integer minor units of `currency`,
 * or null when it is not an amount. Only "." or "," as the decimal mark followed by at most the
 * currency's number of digits; never a float on the way (CONVENTIONS: money is integers).
 */
export function parseMoney(text: string, currency: string): number | null {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const cleaned = text.trim().replace(/[\s\u00a0']/g, '');
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:[.,](\d*))?$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1]!.replace(/,/g, '');
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  return minor > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(minor);
}
