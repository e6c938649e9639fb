import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import type { Payouts } from '../api/types';
import { PayoutsPage } from './payouts-page';

const usd = (amount: number) => ({ amount, currency: 'USD' });

function payouts(overrides: Partial<Payouts> = {}): Payouts {
  return {
    account: { status: 'enabled', holdPayouts: false },
    threshold: usd(2500),
    nextRunAt: '2026-12-01T06:00:00Z',
    items: [
      { id: 'p2', amount: usd(4200), status: 'failed', createdAt: '2026-11-01T06:00:00Z', failureReason: 'account_closed', attempts: 2 },
      { id: 'p1', amount: usd(3100), status: 'paid', createdAt: '2026-10-01T06:00:00Z', failureReason: null, attempts: 1 },
    ],
    ...overrides,
  };
}

describe('PayoutsPage', () => {
  it('sends a member without a Stripe account to Stripe’s onboarding link', async () => {
    mockApi({
      'GET /api/v1/me/payouts': () => json(payouts({ account: { status: 'none', holdPayouts: false }, items: [] })),
      'POST /api/v1/me/payouts/connect': () => json({ url: 'https://connect.stripe.test/setup/abc' }),
    });
    const navigate = vi.fn();
    const { user } = renderWithProviders(<PayoutsPage navigate={navigate} />);
    await user.click(await screen.findByRole('button', { name: 'Connect with Stripe' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('https://connect.stripe.test/setup/abc'));
    expect(screen.getByText('No payouts yet.')).toBeInTheDocument();
  });

  it('shows the threshold, the next run and the history with failures explained', async () => {
    mockApi({ 'GET /api/v1/me/payouts': () => json(payouts()) });
    renderWithProviders(<PayoutsPage />);
    expect(await screen.findByText('Connected')).toBeInTheDocument();
    expect(screen.getByText(/Available royalties of \$25\.00 or more/)).toBeInTheDocument();
    const failed = screen.getByRole('row', { name: /Failed/ });
    expect(within(failed).getByText('$42.00')).toBeInTheDocument();
    expect(within(failed).getByText(/Your bank account is closed: add a new one with Stripe\./)).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /Paid/ })).getByText('$31.00')).toBeInTheDocument();
  });

  it('holds payouts with the toggle', async () => {
    const api = mockApi({
      'GET /api/v1/me/payouts': () => json(payouts()),
      'PUT /api/v1/me/payouts/hold': () => json({ status: 'enabled', holdPayouts: true }),
    });
    const { user } = renderWithProviders(<PayoutsPage />);
    const toggle = await screen.findByRole('checkbox', { name: 'Hold my payouts' });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    expect(await screen.findByText('Payouts are held until you release them.')).toBeInTheDocument();
    expect(await api.last('PUT /api/v1/me/payouts/hold')!.json()).toEqual({ hold: true });
    expect(api.last('PUT /api/v1/me/payouts/hold')!.headers.get('X-XSRF-TOKEN')).toBe('test-token');
  });

  it('shows why Stripe could not be opened', async () => {
    mockApi({
      'GET /api/v1/me/payouts': () => json(payouts({ account: { status: 'onboarding', holdPayouts: false } })),
      'POST /api/v1/me/payouts/connect': () => problem(503, { title: 'Stripe unavailable', detail: 'Payouts are not configured on this server.' }),
    });
    const { user } = renderWithProviders(<PayoutsPage navigate={vi.fn()} />);
    await user.click(await screen.findByRole('button', { name: 'Finish setting up with Stripe' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Payouts are not configured on this server.');
  });
});
