import type { ProposalOutcome, ProposalStatus } from '../api/types';
import { OUTCOME_LABELS, STATUS_LABELS } from '../lib/proposal-text';

/** The result in words and colour (never colour alone). */
export function OutcomeBadge({ outcome }: { outcome: ProposalOutcome }) {
  return <span className={`badge proposal-badge proposal-badge--${outcome}`}>{OUTCOME_LABELS[outcome]}</span>;
}

export function StatusBadge({ status }: { status: ProposalStatus }) {
  return <span className={`badge proposal-badge proposal-badge--${status}`}>{STATUS_LABELS[status]}</span>;
}
