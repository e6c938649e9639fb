import type { CoopSettings, Proposal } from '../api/types';

export const ME_ID = '0197a000-0000-7000-8000-000000000001';

export const meResponse = (overrides: Record<string, unknown> = {}) => ({
  id: ME_ID,
  email: 'ana@example.test',
  displayName: 'Ana Okafor',
  roles: ['contributor'],
  membership: { memberClass: 'contributor', shares: 1, joinedAt: '2026-01-01T00:00:00Z' },
  createdAt: '2026-01-01T00:00:00Z',
  ...overrides,
});

export const settings: CoopSettings = {
  currency: 'USD',
  royaltyRateStandardBp: 5000,
  royaltyRateExtendedBp: 7500,
  payoutThresholdMinor: 2500,
  patronageClassShares: { contributor: 9000, worker: 500, founder: 500 },
  patronageCashBp: 2000,
  payoutHoldDays: 30,
  patronagePools: [],
  licensePrices: [
    { code: 'small', kind: 'size', label: 'Small', price: { amount: 900, currency: 'USD' } },
    { code: 'large', kind: 'size', label: 'Large', price: { amount: 4900, currency: 'USD' } },
  ],
};

const yesNo = [
  { id: 'opt-yes', label: 'Yes', role: 'yes' },
  { id: 'opt-no', label: 'No', role: 'no' },
  { id: 'opt-abstain', label: 'Abstain', role: 'abstain' },
];

export function makeProposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: 'p1',
    title: 'Raise the Extended royalty rate to 80 %',
    body: 'We should pay **more**.',
    bodyHtml: '<p>We should pay <strong>more</strong>.</p>',
    kind: 'ordinary',
    status: 'open',
    author: { id: 'u-author', displayName: 'Ben Lindqvist' },
    options: yesNo,
    quorumBp: 2500,
    opensAt: '2026-11-27T10:00:00Z',
    closesAt: new Date(Date.now() + 2 * 3600_000 + 5 * 60_000).toISOString(),
    eligibleClasses: ['contributor', 'worker', 'founder'],
    secretBallot: true,
    seats: null,
    settingsChange: { royaltyRateExtendedBp: 8000 },
    meetingId: null,
    turnout: { eligible: 40, voted: 12 },
    myVote: null,
    results: null,
    ballots: null,
    canVote: true,
    canEdit: false,
    canOpen: false,
    canWithdraw: false,
    createdAt: '2026-11-26T10:00:00Z',
    openedAt: '2026-11-27T10:00:00Z',
    closedAt: null,
    ...overrides,
  };
}

export function closedProposal(overrides: Partial<Proposal> = {}): Proposal {
  return makeProposal({
    status: 'closed',
    closesAt: '2026-11-20T10:00:00Z',
    turnout: { eligible: 40, voted: 20 },
    results: {
      eligible: 40,
      voted: 20,
      turnoutBp: 5000,
      quorumMet: true,
      counts: [
        { optionId: 'opt-yes', votes: 15 },
        { optionId: 'opt-no', votes: 4 },
        { optionId: 'opt-abstain', votes: 1 },
      ],
      outcome: 'carried',
      elected: [],
      settingsChangeId: 'sc1',
      closedAt: '2026-11-20T10:00:05Z',
    },
    ...overrides,
  });
}

export function election(overrides: Partial<Proposal> = {}): Proposal {
  return makeProposal({
    id: 'e1',
    title: 'Board election 2027',
    kind: 'election',
    seats: 2,
    settingsChange: null,
    options: [
      { id: 'c1', label: 'Ana Okafor', role: 'candidate', candidate: { id: 'u-ana', displayName: 'Ana Okafor' } },
      { id: 'c2', label: 'Ben Lindqvist', role: 'candidate', candidate: { id: 'u-ben', displayName: 'Ben Lindqvist' } },
      { id: 'c3', label: 'Chidi Eze', role: 'candidate', candidate: { id: 'u-chidi', displayName: 'Chidi Eze' } },
    ],
    ...overrides,
  });
}
