import { formatBasisPoints } from '@/lib/format-month';
import type { Proposal, ProposalKind, ProposalOutcome, ProposalStatus } from '../api/types';

const KIND_LABELS: Record<ProposalKind, string> = {
  ordinary: 'Ordinary resolution',
  special: 'Special resolution',
  election: 'Board election',
};
/** The contract types these as plain strings: anything new reads as itself. */
const labelOf = (labels: Record<string, string>, value: string) => labels[value] ?? value.replace(/_/g, ' ');
export const kindLabel = (kind: string) => labelOf(KIND_LABELS, kind);

/** The rule that decides the proposal, in plain words. */
export function thresholdText(proposal: Pick<Proposal, 'kind' | 'quorumBp' | 'seats'>): string {
  const quorum = `at least ${formatBasisPoints(proposal.quorumBp)} of the eligible members must vote`;
  switch (proposal.kind) {
    case 'ordinary':
      return `Carries with a simple majority: more votes for than against (abstentions are not counted either way), and ${quorum}.`;
    case 'special':
      return `Carries with a two-thirds majority: at least two votes for every vote against (abstentions are not counted either way), and ${quorum}.`;
    case 'election': {
      const seats = proposal.seats ?? 1;
      return `Approval voting: tick every candidate you would accept. The ${seats === 1 ? 'candidate' : `${seats} candidates`} with the most approvals ${seats === 1 ? 'is' : 'are'} elected, if ${quorum}.`;
    }
    default:
      return `Decided by the members' votes, if ${quorum}.`;
  }
}

const STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: 'Draft',
  open: 'Open for voting',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};

const OUTCOME_LABELS: Record<ProposalOutcome, string> = {
  carried: 'Carried',
  failed: 'Failed',
  elected: 'Elected',
  no_quorum: 'No quorum',
  tied: 'Tied',
};

export const statusLabel = (status: string) => labelOf(STATUS_LABELS, status);
export const outcomeLabel = (outcome: string) => labelOf(OUTCOME_LABELS, outcome);

/** "3 days 4 hours", "5 minutes", "42 seconds": the two largest units left, for the countdown. */
export function timeLeft(closesAt: string, now: number): string | null {
  const ms = Date.parse(closesAt) - now;
  if (Number.isNaN(ms) || ms <= 0) return null;
  const total = Math.ceil(ms / 1000);
  const units: [number, string][] = [
    [Math.floor(total / 86400), 'day'],
    [Math.floor((total % 86400) / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    [total % 60, 'second'],
  ];
  const first = units.findIndex(([n]) => n > 0);
  return units
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(' ');
}

/** "27 Nov 2026, 21:30". */
export function formatInstant(value: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

/** A share of a whole as text: 2 of 3 → "67%"; nothing of nothing → "0%". */
export function shareText(part: number, whole: number): string {
  return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(whole > 0 ? part / whole : 0);
}

/** `<input type="datetime-local">` ⇄ ISO instant, in the reader's time zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
