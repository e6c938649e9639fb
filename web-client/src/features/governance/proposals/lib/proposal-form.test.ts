import { describe, expect, it } from 'vitest';
import { election, makeProposal, settings } from '../testing/fixtures';
import { buildProposalInput, formFromProposal, newProposalForm, proposalFieldOf } from './proposal-form';
import { toLocalInput } from './proposal-text';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const filled = () => ({ ...newProposalForm(NOW), title: ' Raise the rate ', body: 'Because.' });

describe('buildProposalInput', () => {
  it('builds a yes/no/abstain ordinary resolution with the defaults', () => {
    const { input, errors } = buildProposalInput(filled(), settings, NOW);
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      title: 'Raise the rate',
      kind: 'ordinary',
      options: [],
      candidateIds: [],
      quorumBp: 2500,
      eligibleClasses: ['contributor', 'worker', 'founder'],
      secretBallot: true,
      settingsChange: null,
    });
    // A week from now by default.
    expect(Date.parse(input!.closesAt!) - NOW).toBeGreaterThan(6.9 * 86_400_000);
  });

  it('carries a binding change in basis points and minor units', () => {
    const state = { ...filled(), quorum: '33.5', binding: true };
    state.settings = { ...state.settings, royaltyRateExtended: '80', payoutThreshold: '40' };
    const { input } = buildProposalInput(state, settings, NOW);
    expect(input?.quorumBp).toBe(3350);
    expect(input?.settingsChange).toEqual({ royaltyRateExtendedBp: 8000, payoutThresholdMinor: 4000 });
  });

  it('says what is missing, field by field', () => {
    const state = { ...newProposalForm(NOW), quorum: '120', closesAt: toLocalInput('2026-11-27T11:00:00Z'), eligibleClasses: [] };
    const { input, errors } = buildProposalInput(state, settings, NOW);
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['body', 'closesAt', 'eligibleClasses', 'quorumBp', 'title']);
    expect(errors.closesAt).toBe('Voting must close in the future.');
  });

  it('wants at least two different custom options', () => {
    const state = { ...filled(), optionMode: 'custom' as const, customOptions: ['Blue', ' blue ', ''], binding: true };
    expect(buildProposalInput(state, settings, NOW).errors.options).toBe('Each option must be different.');
    state.customOptions = ['Blue', ''];
    expect(buildProposalInput(state, settings, NOW).errors.options).toBe('Give at least two options.');
    state.customOptions = ['Blue', 'Green', ''];
    // Only a yes / no resolution binds: with custom options the settings change is not sent.
    expect(buildProposalInput(state, settings, NOW).input).toMatchObject({ options: ['Blue', 'Green'], settingsChange: null });
  });

  it('refuses a binding change that changes nothing', () => {
    const { errors } = buildProposalInput({ ...filled(), binding: true }, settings, NOW);
    expect(errors.settingsChange).toMatch(/Change at least one setting/);
  });

  it('builds an election from candidates and seats, with no options and no settings change', () => {
    const state = {
      ...filled(),
      kind: 'election' as const,
      binding: true,
      seats: '2',
      candidates: [
        { id: 'u1', displayName: 'A' },
        { id: 'u2', displayName: 'B' },
      ],
    };
    const { input } = buildProposalInput({ ...state, seats: '1' }, settings, NOW);
    expect(input).toMatchObject({ kind: 'election', options: [], candidateIds: ['u1', 'u2'], seats: 1, settingsChange: null });
    expect(buildProposalInput(state, settings, NOW).errors.candidateIds).toBe('There are 2 seats and 2 candidates: an election needs more candidates than seats.');
    expect(buildProposalInput({ ...state, candidates: state.candidates.slice(1) }, settings, NOW).errors.candidateIds).toMatch(/at least two candidates/);
  });

  it('loads a draft back into the form unchanged', () => {
    const draft = makeProposal({ status: 'draft', quorumBp: 3000, closesAt: '2026-12-01T18:30:00Z', secretBallot: false });
    const state = formFromProposal(draft, settings, NOW);
    const { input } = buildProposalInput(state, settings, NOW);
    expect(input).toMatchObject({ title: draft.title, quorumBp: 3000, secretBallot: false, options: [], settingsChange: { royaltyRateExtendedBp: 8000 } });
    expect(input!.closesAt).toBe('2026-12-01T18:30:00.000Z');
    const custom = makeProposal({ status: 'draft', settingsChange: null, options: [
      { id: 'a', label: 'Blue', role: 'choice' }, { id: 'b', label: 'Green', role: 'choice' }, { id: 'c', label: 'Abstain', role: 'abstain' },
    ] });
    expect(buildProposalInput(formFromProposal(custom, settings, NOW), settings, NOW).input?.options).toEqual(['Blue', 'Green']);
    const e = formFromProposal(election({ status: 'draft' }), settings, NOW);
    expect(e.candidates.map((c) => c.id)).toEqual(['u-ana', 'u-ben', 'u-chidi']);
    expect(e.seats).toBe('2');
  });
});

describe('proposalFieldOf', () => {
  it('puts server messages next to the field they name', () => {
    expect(proposalFieldOf('Title')).toBe('title');
    expect(proposalFieldOf('$.quorumBp')).toBe('quorumBp');
    expect(proposalFieldOf('options[1]')).toBe('options');
    expect(proposalFieldOf('settingsChange.royaltyRateExtendedBp')).toBe('royaltyRateExtendedBp');
    expect(proposalFieldOf('SettingsChange.LicensePrices.small')).toBe('licensePrices');
    expect(proposalFieldOf('settingsChange')).toBe('settingsChange');
    expect(proposalFieldOf('settingsChange.somethingNew')).toBe('settingsChange');
    expect(proposalFieldOf('whatever')).toBeNull();
  });
});
