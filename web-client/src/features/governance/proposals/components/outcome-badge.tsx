import { outcomeLabel, statusLabel } from '../lib/proposal-text';

/** The result in words and colour (never colour alone). */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <span className={`badge proposal-badge proposal-badge--${outcome}`}>{outcomeLabel(outcome)}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge proposal-badge proposal-badge--${status}`}>{statusLabel(status)}</span>;
}
