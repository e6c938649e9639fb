import type { CoopSettings, Proposal, ProposalInput, ProposalKind } from '../api/types';
import { parsePercent, percentText, emptySettingsForm, formFromSettingsChange, settingsChangeFromForm, type SettingsField, type SettingsForm } from './settings-change';
import { fromLocalInput, toLocalInput } from './proposal-text';

export const MEMBER_CLASSES = ['contributor', 'worker', 'founder', 'buyer_member'] as const;
const DEFAULT_CLASSES = ['contributor', 'worker', 'founder'];
const DEFAULT_QUORUM = '25';
const DEFAULT_WINDOW_DAYS = 7;

export type Candidate = { id: string; displayName: string };

export type ProposalFormState = {
  title: string;
  body: string;
  kind: ProposalKind;
  optionMode: 'standard' | 'custom';
  customOptions: string[];
  candidates: Candidate[];
  seats: string;
  quorum: string;
  closesAt: string;
  eligibleClasses: string[];
  secretBallot: boolean;
  binding: boolean;
  settings: SettingsForm;
};

export type ProposalField =
  | 'title'
  | 'body'
  | 'kind'
  | 'options'
  | 'candidateIds'
  | 'seats'
  | 'quorumBp'
  | 'closesAt'
  | 'eligibleClasses'
  | 'secretBallot'
  | 'settingsChange'
  | SettingsField;

/** Where the form puts focus after a failed submit: the first of these with an error. */
export const FIELD_ORDER: readonly ProposalField[] = [
  'title',
  'body',
  'kind',
  'options',
  'candidateIds',
  'seats',
  'quorumBp',
  'closesAt',
  'eligibleClasses',
  'settingsChange',
  'royaltyRateStandardBp',
  'royaltyRateExtendedBp',
  'payoutThresholdMinor',
  'licensePrices',
  'patronageClassShares',
  'patronageCashBp',
];

export function newProposalForm(now: number): ProposalFormState {
  return {
    title: '',
    body: '',
    kind: 'ordinary',
    optionMode: 'standard',
    customOptions: ['', ''],
    candidates: [],
    seats: '1',
    quorum: DEFAULT_QUORUM,
    closesAt: toLocalInput(new Date(now + DEFAULT_WINDOW_DAYS * 86_400_000).toISOString()),
    eligibleClasses: [...DEFAULT_CLASSES],
    secretBallot: true,
    binding: false,
    settings: emptySettingsForm(),
  };
}

/** A draft back into the form, for editing it. */
export function formFromProposal(p: Proposal, current: CoopSettings | undefined, now: number): ProposalFormState {
  // The server adds the abstain option to custom lists, and yes / no / abstain when none is given.
  const custom = p.options.filter((o) => o.role === 'choice').map((o) => o.label);
  const kind = (['ordinary', 'special', 'election'] as const).find((k) => k === p.kind) ?? 'ordinary';
  return {
    ...newProposalForm(now),
    title: p.title,
    body: p.body,
    kind,
    optionMode: kind !== 'election' && custom.length > 0 ? 'custom' : 'standard',
    customOptions: kind !== 'election' && custom.length > 0 ? custom : ['', ''],
    candidates: p.options.flatMap((o) => (o.candidate ? [{ id: o.candidate.id, displayName: o.candidate.displayName }] : [])),
    seats: String(p.seats ?? 1),
    quorum: percentText(p.quorumBp),
    ...(p.closesAt ? { closesAt: toLocalInput(p.closesAt) } : {}),
    eligibleClasses: [...p.eligibleClasses],
    secretBallot: p.secretBallot,
    binding: !!p.settingsChange,
    settings: formFromSettingsChange(p.settingsChange, current),
  };
}

export type ProposalFormResult = { input: ProposalInput | null; errors: Partial<Record<ProposalField, string>> };

/**
 * Checks what a person can fix before sending, and builds the request. The server checks again (and more, e.g. that a
 * candidate is a current member); its messages land on the same fields.
 */
export function buildProposalInput(state: ProposalFormState, current: CoopSettings | undefined, now: number): ProposalFormResult {
  const errors: ProposalFormResult['errors'] = {};
  const title = state.title.trim();
  const body = state.body.trim();
  if (!title) errors.title = 'Give the proposal a title.';
  else if (title.length > 200) errors.title = 'Keep the title under 200 characters.';
  if (!body) errors.body = 'Explain what the members are voting on and why.';

  // Empty means yes / no / abstain to the API; a custom list gets an abstain option added there.
  let options: string[] = [];
  if (state.kind !== 'election') {
    if (state.optionMode === 'custom') {
      options = state.customOptions.map((o) => o.trim()).filter(Boolean);
      const distinct = new Set(options.map((o) => o.toLowerCase()));
      if (options.length < 2) errors.options = 'Give at least two options.';
      else if (options.length > 10) errors.options = 'Give at most ten options.';
      else if (distinct.size !== options.length) errors.options = 'Each option must be different.';
    }
  }

  let seats: number | null = null;
  if (state.kind === 'election') {
    seats = /^\d+$/.test(state.seats.trim()) ? Number(state.seats.trim()) : NaN;
    if (!Number.isInteger(seats) || seats < 1) errors.seats = 'Enter how many seats are up for election (1 or more).';
    if (state.candidates.length < 2) errors.candidateIds = 'An election needs at least two candidates: add them from the member directory.';
    else if (Number.isInteger(seats) && seats! >= state.candidates.length)
      errors.candidateIds = `There are ${seats} seats and ${state.candidates.length} candidates: an election needs more candidates than seats.`;
  }

  const quorumBp = parsePercent(state.quorum);
  if (quorumBp === null) errors.quorumBp = 'Enter the quorum as a percentage of eligible members, between 0 and 100.';

  const closesAt = fromLocalInput(state.closesAt);
  if (!closesAt) errors.closesAt = 'Choose when voting closes.';
  else if (Date.parse(closesAt) <= now) errors.closesAt = 'Voting must close in the future.';

  const eligibleClasses = MEMBER_CLASSES.filter((c) => state.eligibleClasses.includes(c));
  if (eligibleClasses.length === 0) errors.eligibleClasses = 'Choose at least one class of members who may vote.';

  let settingsChange: ProposalInput['settingsChange'] = null;
  // Only a yes / no resolution can bind: "carried" must mean one thing.
  if (state.kind !== 'election' && state.optionMode === 'standard' && state.binding) {
    if (!current) errors.settingsChange = 'The current settings are still loading; try again in a moment.';
    else {
      const parsed = settingsChangeFromForm(state.settings, current);
      Object.assign(errors, parsed.errors);
      if (Object.keys(parsed.errors).length === 0 && !parsed.change)
        errors.settingsChange = 'Change at least one setting, or untick “This proposal changes the co-op’s settings”.';
      settingsChange = parsed.change;
    }
  }

  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: {
      title,
      body,
      kind: state.kind,
      options,
      candidateIds: state.kind === 'election' ? state.candidates.map((c) => c.id) : [],
      seats,
      quorumBp: quorumBp!,
      closesAt: closesAt!,
      eligibleClasses,
      secretBallot: state.secretBallot,
      settingsChange,
    },
    errors,
  };
}

/** A problem's field key ("Title", "$.settingsChange.royaltyRateExtendedBp", "options[1]") → the form field it names. */
export function proposalFieldOf(key: string): ProposalField | null {
  const path = key.replace(/^\$\./, '').split('.').map((s) => s.replace(/\[\d+\]$/, ''));
  const lower = (s: string | undefined) => (s ? s.charAt(0).toLowerCase() + s.slice(1) : '');
  const first = lower(path[0]);
  const candidate = first === 'settingsChange' && path[1] ? lower(path[1]) : first;
  const known = (FIELD_ORDER as readonly string[]).includes(candidate) ? (candidate as ProposalField) : null;
  if (known) return known;
  if (first === 'settingsChange') return 'settingsChange';
  if (first === 'candidates') return 'candidateIds';
  return null;
}
