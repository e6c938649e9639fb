import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { PatronagePage } from './patronage-page';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('PatronagePage', () => {
  it('shows this year’s estimate with how it is worked out, and past notices', async () => {
    mockApi({
      'GET /api/v1/me/patronage': () =>
        json({
          year: 2026,
          estimate: usd(12345),
          estimateBasis: { pool: usd(500000), poolYear: 2025, class: 'contributor', basis: 'royalties', basisAmount: 20000, explanation: 'Based on last year’s pool of $5,000.00 and your royalties so far.' },
          notices: [{ year: 2025, total: usd(10000), cash: usd(2000), retained: usd(8000), class: 'contributor', basis: '12.5% of contributor royalties', basisAmount: 1250, recordedAt: '2026-03-01T00:00:00Z', noticeUrl: '/api/v1/me/patronage/2025/notice' }],
        }),
    });
    renderWithProviders(<PatronagePage />);
    expect(await screen.findByRole('heading', { name: 'Estimate for 2026' })).toBeInTheDocument();
    expect(screen.getByText('$123.45')).toBeInTheDocument();
    expect(screen.getByText(/90% to contributor members in proportion to their royalties/)).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /2025/ });
    expect(within(row).getByText('Contributor')).toBeInTheDocument();
    expect(within(row).getByText('$100.00')).toBeInTheDocument();
    expect(within(row).getByText('$20.00')).toBeInTheDocument();
    expect(within(row).getByText('$80.00')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: /Notice of allocation for 2025/ })).toHaveAttribute('href', '/api/v1/me/patronage/2025/notice');
    expect(screen.getByText(/Based on last year’s pool/)).toBeInTheDocument();
  });
});
