import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { parsePercent, SettingsPage } from './settings-page';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const settings = {
  currency: 'USD',
  royaltyRateStandardBp: 5000,
  royaltyRateExtendedBp: 8000,
  payoutThresholdMinor: 2500,
  payoutHoldDays: 30,
  patronageClassShares: { contributor: 9000, worker: 500, founder: 500 },
  patronageCashBp: 2000,
  licensePrices: [
    { code: 'small', kind: 'size', label: 'Small', price: usd(1500) },
    { code: 'market-freeze', kind: 'extended', label: 'Market freeze (exclusivity)', price: null },
  ],
  patronagePools: [],
};
const history = {
  currency: 'USD',
  nextCursor: null,
  items: [
    {
      id: 'c2', at: '2026-11-27T10:00:00Z',
      changes: [{ setting: 'royaltyRateExtendedBp', label: 'Royalty on extended licences', unit: 'bp', from: { number: 7500 }, to: { number: 8000 } }],
      authority: { kind: 'proposal', proposalId: 'p1', proposalTitle: 'Raise the Extended royalty to 80 %', outcome: 'carried', votesFor: 12, votesAgainst: 3, turnoutBp: 6250, admin: null, reason: null },
    },
    {
      id: 'c1', at: '2026-11-01T10:00:00Z',
      changes: [{ setting: 'licensePrice:small', label: 'Price of the Small licence', unit: 'money', from: usd(1200), to: usd(1500) }].map((l) => ({ ...l, from: { money: l.from }, to: { money: l.to } })),
      authority: { kind: 'admin', proposalId: null, admin: { id: 'a1', displayName: 'Ada Admin' }, reason: 'Card fees went up.' },
    },
  ],
};
const me = (roles: string[]) => () =>
  json({ id: 'u1', email: 'u@example.test', displayName: 'U', roles, membership: { memberClass: 'worker', shares: 1, joinedAt: '2026-01-01T00:00:00Z' }, createdAt: '2026-01-01T00:00:00Z', directoryVisible: false });

describe('SettingsPage', () => {
  it('shows the settings in plain words and which vote or admin changed what', async () => {
    mockApi({
      'GET /api/v1/me': me(['contributor']),
      'GET /api/v1/coop/settings': () => json(settings),
      'GET /api/v1/coop/settings/history': () => json(history),
    });
    renderWithProviders(<SettingsPage />, { route: '/coop/settings' });

    const now = await screen.findByRole('table', { name: "The co-op's settings in force" });
    expect(within(now).getByRole('row', { name: /Royalty on standard licences/ })).toHaveTextContent('50 %');
    expect(within(now).getByRole('row', { name: /Royalty on extended licences/ })).toHaveTextContent('80 %');
    expect(within(now).getByRole('row', { name: /Payout threshold/ })).toHaveTextContent('$25.00');
    expect(within(now).getByRole('row', { name: /Contributors/ })).toHaveTextContent('90 %');
    expect(screen.getByRole('row', { name: /Market freeze/ })).toHaveTextContent('Priced by quote');

    expect(await screen.findByText('Royalty on extended licences: 75 % → 80 %')).toBeInTheDocument();
    const vote = screen.getByRole('link', { name: 'Raise the Extended royalty to 80 %' });
    expect(vote).toHaveAttribute('href', '/coop/proposals/p1');
    expect(vote.closest('p')).toHaveTextContent('carried, 12 for, 3 against, turnout 62.5 %');
    expect(screen.getByText('Price of the Small licence: $12.00 → $15.00')).toBeInTheDocument();
    expect(screen.getByText('Admin Ada Admin: Card fees went up.')).toBeInTheDocument();
    // Only admins get the form.
    expect(screen.queryByRole('button', { name: 'Change settings' })).not.toBeInTheDocument();
  });

  it('lets an admin change a setting only with a reason, sending only the fields filled in', async () => {
    const api = mockApi({
      'GET /api/v1/me': me(['admin']),
      'GET /api/v1/coop/settings': () => json(settings),
      'GET /api/v1/coop/settings/history': () => json({ ...history, items: [] }),
      'POST /api/v1/coop/settings/changes': async (request) => {
        const body = (await request.json()) as { reason: string };
        return body.reason
          ? json({ id: 'c3', at: '2026-11-27T11:00:00Z', changes: [], authority: { kind: 'admin', reason: body.reason } }, 201)
          : problem(400, { title: 'Validation', errors: { reason: ['Give the reason for changing the settings without a vote: every member reads it.'] } });
      },
    });
    const { user } = renderWithProviders(<SettingsPage />, { route: '/coop/settings' });
    await user.type(await screen.findByLabelText('Royalty on standard licences (%)'), '55');
    await user.click(screen.getByRole('button', { name: 'Change settings' }));
    expect(await screen.findByText(/every member reads it/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Reason (shown to every member)'), 'Fee correction');
    await user.click(screen.getByRole('button', { name: 'Change settings' }));
    expect(await screen.findByText('The change is recorded and every member has been told.')).toBeInTheDocument();
    expect(await api.last('POST /api/v1/coop/settings/changes')!.json()).toEqual({
      change: { royaltyRateStandardBp: 5500 },
      reason: 'Fee correction',
    });
  });

  it('reads percentages as basis points', () => {
    expect(parsePercent('52.5')).toBe(5250);
    expect(parsePercent('75 %')).toBe(7500);
    expect(parsePercent('0')).toBe(0);
    expect(parsePercent('101')).toBeNull();
    expect(parsePercent('abc')).toBeNull();
  });
});
