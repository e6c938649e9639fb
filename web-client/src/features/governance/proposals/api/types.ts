/** The proposals contract (issue 9) as the pages use it, generated from api/openapi.json. */
import type { components } from '@/api/schema';

type S = components['schemas'];
export type Money = S['Money'];

/** The contract types these as plain strings; the pages know these values and read anything else as itself. */
export type ProposalKind = 'ordinary' | 'special' | 'election';
export type ProposalStatus = 'draft' | 'open' | 'closed' | 'withdrawn';
export type ProposalOutcome = 'carried' | 'failed' | 'elected' | 'no_quorum' | 'tied';

export type PersonRef = S['ProposalPerson'];
export type SettingsChange = S['SettingsChange'];
export type ProposalOption = S['ProposalOption'];
export type ProposalResults = S['ProposalResults'];
/** After a secret ballot closes, `myVote.optionIds` is empty: only the fact of having voted remains. */
export type Proposal = S['Proposal'];
export type ProposalSummary = S['ProposalSummary'];
export type ProposalList = S['ProposalList'];

/** Ordinary and special: options empty for yes / no / abstain, or 2–10 custom ones (the API adds abstain). */
export type ProposalInput = S['DraftProposalRequest'] & { kind: ProposalKind };

export type CoopSettings = S['CoopSettingsResponse'];
export type LicensePriceSetting = S['LicensePriceSetting'];
export type DirectoryMember = S['DirectoryMember'];
