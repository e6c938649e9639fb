import { formatMoney } from '@/lib/format-money';
import type { Money } from '../api/types';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const money = (m: Money) => formatMoney(m.amount, m.currency);
export const pixels = (width: number, height: number) => `${width.toLocaleString()} × ${height.toLocaleString()} px`;
export const formatDate = (iso: string) => dateFormat.format(new Date(iso));
export const formatDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));
export const shortId = (id: string) => id.slice(-8).toUpperCase();

/** "Medium, 2,500 × 1,667 px, + Multi-seat": the licence in one line. */
export function licenceText(
  item: { sizeLabel: string; width: number; height: number; extended: string[] },
  label: (code: string) => string,
): string {
  return [`${item.sizeLabel}, ${pixels(item.width, item.height)}`, ...item.extended.map((c) => `+ ${label(c)}`)].join(', ');
}

const STATUS_TEXT: Record<string, string> = {
  pending: 'Awaiting payment',
  paid: 'Paid',
  expired: 'Expired',
  refunded: 'Refunded',
  valid: 'Valid',
  revoked: 'Revoked',
  superseded: 'Superseded by an upgrade',
};

export const statusText = (status: string) => STATUS_TEXT[status] ?? status;
/** Badge colour classes of the shared stylesheet (colour always with text). */
export const statusBadge = (status: string) =>
  `badge ${status === 'paid' || status === 'valid' ? 'badge--published' : status === 'pending' ? 'badge--processing' : status === 'superseded' ? '' : 'badge--declined'}`.trim();
