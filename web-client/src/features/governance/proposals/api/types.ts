/**
 * The proposals contract (issue 9) as the pages use it.
 * PROVISIONAL (proposal shapes only): written from the shared contract in the brief until gov-api's api/openapi.json
 * is merged; then these become aliases of `components['schemas'][...]` like the settings ones already are.
 */
import type { components } from '@/api/schema';

type S = components['schemas'];
export type Money = S['Money'];

export type ProposalKind = 'ordinary' | 'special' | 'election';
export type ProposalStatus = 'draft' | 'open' | 'closed' | 'withdrawn';
export type ProposalOutcome = 'carried' | 'failed' | 'elected' | 'no_quorum' | 'tied';

export type PersonRef = { id: string; displayName: string };

export type SettingsChange = S['SettingsChange'];

export type OptionRole = 'yes' | 'no' | 'abstain' | 'choice' | 'candidate';
export type ProposalOption = { id: string; label: string; role: OptionRole | string; candidate?: PersonRef | null };

export type ProposalResults = {
  eligible: number;
  voted: number;
  turnoutBp: number;
  quorumMet: boolean;
  counts: { optionId: string; votes: number }[];
  outcome: ProposalOutcome | string;
  elected: string[];
  winningOptionId?: string | null;
  settingsChangeId?: string | null;
  closedAt: string;
};

export type Proposal = {
  id: string;
  title: string;
  body: string;
  bodyHtml: string;
  kind: ProposalKind | string;
  status: ProposalStatus | string;
  author: PersonRef;
  options: ProposalOption[];
  quorumBp: number;
  opensAt?: string | null;
  closesAt?: string | null;
  eligibleClasses: string[];
  secretBallot: boolean;
  seats?: number | null;
  settingsChange?: SettingsChange | null;
  meetingId?: string | null;
  turnout?: { eligible: number; voted: number } | null;
  /** After a secret ballot closes optionIds is empty: only the fact of having voted remains. */
  myVote?: { optionIds: string[]; castAt: string } | null;
  results?: ProposalResults | null;
  /** Open ballots after close: who voted for what. */
  ballots?: { voter: PersonRef; optionIds: string[] }[] | null;
  canVote: boolean;
  canEdit: boolean;
  canOpen: boolean;
  canWithdraw: boolean;
  createdAt: string;
  openedAt?: string | null;
  closedAt?: string | null;
};

export type ProposalSummary = {
  id: string;
  title: string;
  kind: ProposalKind | string;
  status: ProposalStatus | string;
  author: PersonRef;
  opensAt?: string | null;
  closesAt?: string | null;
  createdAt: string;
  closedAt?: string | null;
  turnout?: { eligible: number; voted: number } | null;
  outcome?: ProposalOutcome | string | null;
  voted: boolean;
};

export type ProposalList = { items: ProposalSummary[] };

/** Ordinary and special: options empty for yes / no / abstain, or 2–10 custom ones (abstain is added). */
export type ProposalInput = {
  title: string;
  body: string;
  kind: ProposalKind;
  options: string[];
  candidateIds: string[];
  seats?: number | null;
  quorumBp: number;
  closesAt: string;
  eligibleClasses: string[];
  secretBallot: boolean;
  settingsChange?: SettingsChange | null;
};

export type CoopSettings = S['CoopSettingsResponse'];
export type LicensePriceSetting = S['LicensePriceSetting'];

export type DirectoryMember = S['DirectoryMember'];
