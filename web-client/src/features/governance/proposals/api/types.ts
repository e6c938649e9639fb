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

export type ProposalOption = { id: string; label: string; candidate?: PersonRef | null };

export type ProposalResults = {
  eligible: number;
  voted: number;
  turnoutBp: number;
  quorumMet: boolean;
  counts: { optionId: string; votes: number }[];
  outcome: ProposalOutcome;
  elected: string[];
  settingsChangeId?: string | null;
  closedAt: string;
};

export type Proposal = {
  id: string;
  title: string;
  body: string;
  bodyHtml: string;
  kind: ProposalKind;
  status: ProposalStatus;
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
  turnout: { eligible: number; voted: number };
  myVote?: { optionIds: string[]; castAt: string } | null;
  results?: ProposalResults | null;
};

export type ProposalList = { items: Proposal[] };

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
