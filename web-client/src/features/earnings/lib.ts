import { formatMoney } from '@/lib/format-money';
import type { EarningsLine, Money } from './api/types';

/** Refund lines are shown negative whatever sign the server sends them with. */
export function signed(line: EarningsLine, money: Money): number {
  return line.kind === 'refund' ? -Math.abs(money.amount) : money.amount;
}

export const money = (m: Money) => formatMoney(m.amount, m.currency);

/** The default chargeback hold (co-op setting payout_hold_days): sales become payable this long after the sale. */
export const DEFAULT_HOLD_DAYS = 30;

/**
 * When the oldest pending royalty becomes available: the server's date when it sends one, otherwise
 * the oldest sale still inside the hold, plus the hold.
 */
export function pendingAvailableOn(lines: readonly EarningsLine[], now: Date, holdDays = DEFAULT_HOLD_DAYS): Date | null {
  const holdMs = holdDays * 86_400_000;
  let oldest: number | null = null;
  for (const line of lines) {
    if (line.kind !== 'sale') continue;
    const at = Date.parse(line.occurredAt);
    if (now.getTime() - at < holdMs && (oldest === null || at < oldest)) oldest = at;
  }
  return oldest === null ? null : new Date(oldest + holdMs);
}

/** The last `count` calendar months (UTC) ending with the one `now` is in, oldest first, as "yyyy-mm". */
export function lastMonths(now: Date, count = 12): string[] {
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return months;
}

/** "2026-11" or nothing: the statement page refuses anything else before asking the server. */
export const isMonth = (value: string | undefined): value is string => !!value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** "Medium + print run": the size's label and any extended rights. */
export function describeLicence(licence: EarningsLine['licence']): string {
  if (!licence) return '—';
  const extras = licence.extended.map((code) => code.replace(/[_-]+/g, ' '));
  return [licence.sizeLabel || licence.size, ...extras].join(' + ');
}
