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
          runs: [{ id: 'r1', period: '2026-11', startedAt: '2026-11-01T06:00:00Z', finishedAt: '2026-11-01T06:01:00Z', created: 2, paid: 1, failed: 1 }],
          items: [
            { id: 'p1', userId: 'u1', displayName: 'Ana Okafor', email: 'ana@example.test', period: '2026-11', amount: usd(4200), status: 'failed', createdAt: '2026-11-01T06:00:00Z', lastError: 'No such destination account.', attempts: 3 },
            { id: 'p2', userId: 'u2', displayName: 'Ben Lindqvist', email: 'ben@example.test', period: '2026-11', amount: usd(3100), status: 'paid', createdAt: '2026-11-01T06:00:00Z', lastError: null, attempts: 1 },
          ],
        }),
      'POST /api/v1/admin/payouts/run': () => json({ id: 'r2', period: '2026-11', startedAt: '2026-11-27T10:00:00Z', created: 0, paid: 0, failed: 0 }),
    });
    const { user } = renderWithProviders(<AdminPayoutsPage />);
    const failures = await screen.findByRole('table', { name: 'Failed payouts' });
    expect(within(failures).getByRole('row', { name: /Ana Okafor/ })).toHaveTextContent('No such destination account.');
    expect(screen.getByRole('table', { name: 'Payout runs, newest first' })).toHaveTextContent('2026-11');
    expect(within(failures).queryByText('Ben Lindqvist')).not.toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'All payouts, newest first' })).getByText('Ben Lindqvist')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Run payouts now' }));
    expect(await screen.findByText(/The payout run has started/)).toBeInTheDocument();
    expect(api.last('POST /api/v1/admin/payouts/run')!.headers.get('X-XSRF-TOKEN')).toBe('test-token');
  });
});
