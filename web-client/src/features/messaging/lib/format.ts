import { formatMoneyOf } from '@/lib/format-money';
import type { Commission } from '../api/types';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "14:05" today, "3 Nov 2026" before: an inbox's usual way of showing when. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay ? timeFormat.format(at) : dateFormat.format(at);
}

/** A `YYYY-MM-DD` deadline as a date in the reader's language, without a time zone shifting it a day. */
export function formatDeadline(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return dateFormat.format(new Date(y!, (m ?? 1) - 1, d ?? 1));
}

/** "Budget $250.00 · by 3 Dec 2026", or what of it is known. */
export function commissionTerms(commission: Commission | null | undefined): string {
  if (!commission) return '';
  const parts: string[] = [];
  parts.push(commission.budget ? `Budget ${formatMoneyOf(commission.budget)}` : 'Budget open');
  if (commission.deadline) parts.push(`by ${formatDeadline(commission.deadline)}`);
  return parts.join(' · ');
}
