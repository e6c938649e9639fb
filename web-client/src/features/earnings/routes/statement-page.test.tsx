import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { makeLine, makeStatement } from '../testing/fixtures';
import { StatementPage } from './statement-page';
import { StatementsPage } from './statements-page';

const renderStatement = (month: string) =>
  renderWithProviders(
    <Routes>
      <Route path="/account/statements/:month" element={<StatementPage />} />
    </Routes>,
    { route: `/account/statements/${month}` },
  );

describe('StatementPage', () => {
  it('ties the opening balance through the month to the closing one, with the sales and refunds', async () => {
    mockApi({
      'GET /api/v1/me/statements/2026-11': () =>
        json(
          makeStatement({
            refundLines: [makeLine({ journalId: 'r1', kind: 'refund', assetTitle: 'Winter forest in snow', gross: { amount: -1000, currency: 'USD' }, royalty: { amount: -500, currency: 'USD' } })],
            refunds: { amount: -500, currency: 'USD' },
            closing: { amount: 1000, currency: 'USD' },
          }),
        ),
    });
    renderStatement('2026-11');

    expect(await screen.findByRole('heading', { level: 1, name: 'Statement for November 2026' })).toBeInTheDocument();
    const totals = await screen.findByRole('table', { name: 'Balance movement in the month' });
    expect(within(totals).getByRole('row', { name: /Opening balance/ })).toHaveTextContent('$20.00');
    expect(within(totals).getByRole('row', { name: /Royalties from sales/ })).toHaveTextContent('$15.00');
    expect(within(totals).getByRole('row', { name: /Refunds/ })).toHaveTextContent('-$5.00');
    expect(within(totals).getByRole('row', { name: /Payouts/ })).toHaveTextContent('-$20.00');
    expect(within(totals).getByRole('row', { name: /Closing balance/ })).toHaveTextContent('$10.00');
    expect(within(totals).queryByRole('row', { name: /Adjustments/ })).not.toBeInTheDocument();

    expect(within(screen.getByRole('table', { name: 'Sales this month' })).getByText('Harbour lights at dusk')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Refunds this month' })).getByText('Winter forest in snow')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', '/api/v1/me/statements/2026-11.csv');
  });

  it('prints with the browser', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    mockApi({ 'GET /api/v1/me/statements/2026-11': () => json(makeStatement()) });
    const { user } = renderStatement('2026-11');
    await user.click(await screen.findByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('does not ask the server for something that is not a month', async () => {
    const api = mockApi();
    renderStatement('november');
    expect(await screen.findByRole('heading', { name: 'Statement not found' })).toBeInTheDocument();
    expect(api.requests.filter((r) => r.url.includes('/statements/'))).toHaveLength(0);
  });
});

describe('StatementsPage', () => {
  it('lists months newest first with their totals and CSV links', async () => {
    const usd = (amount: number) => ({ amount, currency: 'USD' });
    mockApi({
      'GET /api/v1/me/statements': () =>
        json({
          currency: 'USD',
          items: [
            { month: '2026-11', opening: usd(2000), sales: usd(1500), refunds: usd(0), payouts: usd(-2000), adjustments: usd(0), closing: usd(1500) },
            { month: '2026-10', opening: usd(0), sales: usd(2000), refunds: usd(0), payouts: usd(0), adjustments: usd(0), closing: usd(2000) },
          ],
        }),
    });
    renderWithProviders(<StatementsPage />);
    const rows = await screen.findAllByRole('row');
    expect(within(rows[1]!).getByRole('link', { name: 'November 2026' })).toHaveAttribute('href', '/account/statements/2026-11');
    expect(within(rows[1]!).getByRole('link', { name: 'CSV for November 2026' })).toHaveAttribute('href', '/api/v1/me/statements/2026-11.csv');
    expect(within(rows[2]!).getByRole('link', { name: 'October 2026' })).toBeInTheDocument();
  });
});
