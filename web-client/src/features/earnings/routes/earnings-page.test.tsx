import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { makeEarnings, makeLine } from '../testing/fixtures';
import { EarningsPage } from './earnings-page';

describe('EarningsPage', () => {
  it('shows the balances, both charts and the royalty lines, refunds negative', async () => {
    mockApi({ 'GET /api/v1/me/earnings': () => json(makeEarnings()) });
    renderWithProviders(<EarningsPage />);

    const cards = await screen.findByText('Available');
    const balances = cards.closest('dl')!;
    expect(within(balances).getByText('$42.00')).toBeInTheDocument();
    expect(within(balances).getByText('$15.00')).toBeInTheDocument();
    expect(within(balances).getByText('$157.00')).toBeInTheDocument();
    // No receivable: no "owed to the co-op" card.
    expect(within(balances).queryByText('Owed to the co-op')).not.toBeInTheDocument();

    expect(screen.getByRole('img', { name: /Royalties by month, last 12 months/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Royalties by photo this year/ })).toBeInTheDocument();

    const lines = screen.getByRole('table', { name: 'Your royalty lines, newest first' });
    const sale = within(lines).getByRole('row', { name: /Harbour lights at dusk/ });
    expect(within(sale).getByRole('link', { name: 'Harbour lights at dusk' })).toHaveAttribute(
      'href',
      '/assets/01930000-0000-7000-8000-0000000000a1',
    );
    expect(within(sale).getByText('Medium')).toBeInTheDocument();
    expect(within(sale).getByText('$30.00')).toBeInTheDocument();
    expect(within(sale).getByText('50%')).toBeInTheDocument();
    expect(within(sale).getByText('100%')).toBeInTheDocument();
    expect(within(sale).getByText('$15.00')).toBeInTheDocument();

    const refund = within(lines).getByRole('row', { name: /Meadow path at golden hour/ });
    expect(within(refund).getByText('Refund')).toBeInTheDocument();
    expect(within(refund).getByText('-$15.00')).toBeInTheDocument();
    expect(within(refund).getByText('-$30.00')).toBeInTheDocument();
  });

  it('shows what is owed to the co-op after a refund of paid-out royalties', async () => {
    const earnings = makeEarnings();
    earnings.balance.receivable = { amount: 700, currency: 'USD' };
    mockApi({ 'GET /api/v1/me/earnings': () => json(earnings) });
    renderWithProviders(<EarningsPage />);
    expect(await screen.findByText('Owed to the co-op')).toBeInTheDocument();
    expect(screen.getByText('$7.00')).toBeInTheDocument();
  });

  it('loads older lines with the cursor the server gave', async () => {
    const api = mockApi({
      'GET /api/v1/me/earnings': (request) => {
        const before = new URL(request.url).searchParams.get('before');
        return json(
          before
            ? makeEarnings({ lines: [makeLine({ journalId: 'j-old', assetTitle: 'Mountain ridge panorama' })], nextBefore: null })
            : makeEarnings({ nextBefore: 'j-cursor' }),
        );
      },
    });
    const { user } = renderWithProviders(<EarningsPage />);
    await user.click(await screen.findByRole('button', { name: 'Load more' }));

    expect(await screen.findByRole('link', { name: 'Mountain ridge panorama' })).toBeInTheDocument();
    expect(new URL(api.last('GET /api/v1/me/earnings')!.url).searchParams.get('before')).toBe('j-cursor');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument());
  });

  it('explains an empty account instead of empty charts', async () => {
    const zero = { amount: 0, currency: 'USD' };
    mockApi({
      'GET /api/v1/me/earnings': () =>
        json(
          makeEarnings({
            balance: { available: zero, pending: zero, receivable: zero, paidOut: zero, lifetime: zero },
            lines: [],
            byMonth: [],
            byAsset: [],
          }),
        ),
    });
    renderWithProviders(<EarningsPage />);
    expect(await screen.findByText(/No sales yet/)).toBeInTheDocument();
    expect(screen.getByText('No royalties in the last 12 months yet.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('shows the server’s message when the earnings cannot be loaded', async () => {
    mockApi({ 'GET /api/v1/me/earnings': () => problem(403, { title: 'Forbidden', detail: 'Earnings are for contributors.' }) });
    renderWithProviders(<EarningsPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Earnings are for contributors.');
  });
});
