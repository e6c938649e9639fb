import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { AdminPayoutsPage } from './admin-payouts-page';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('AdminPayoutsPage', () => {
  it('lists failures apart and starts a run on request', async () => {
    const api = mockApi({
      'GET /api/v1/admin/payouts': () =>
        json({
          items: [
            { id: 'p1', displayName: 'Ana Okafor', amount: usd(4200), status: 'failed', createdAt: '2026-11-01T06:00:00Z', failureReason: 'account_closed', attempts: 3 },
            { id: 'p2', displayName: 'Ben Lindqvist', amount: usd(3100), status: 'paid', createdAt: '2026-11-01T06:00:00Z', failureReason: null, attempts: 1 },
          ],
        }),
      'POST /api/v1/admin/payouts/run': () => json({ started: true }, 202),
    });
    const { user } = renderWithProviders(<AdminPayoutsPage />);
    const failures = await screen.findByRole('table', { name: 'Failed payouts' });
    expect(within(failures).getByRole('row', { name: /Ana Okafor/ })).toHaveTextContent('account_closed');
    expect(within(failures).queryByText('Ben Lindqvist')).not.toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'All payouts, newest first' })).getByText('Ben Lindqvist')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Run payouts now' }));
    expect(await screen.findByText(/The payout run has started/)).toBeInTheDocument();
    expect(api.last('POST /api/v1/admin/payouts/run')!.headers.get('X-XSRF-TOKEN')).toBe('test-token');
  });
});
