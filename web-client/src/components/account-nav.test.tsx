import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { AccountNav } from './account-nav';

const me = (roles: string[], membership: object | null) => ({
  id: 'u1', email: 'a@example.test', displayName: 'A', roles, membership, createdAt: '2026-01-01T00:00:00Z',
});

describe('AccountNav', () => {
  it('gives contributor members their money pages and the books', async () => {
    mockApi({ 'GET /api/v1/me': () => json(me(['buyer', 'contributor'], { memberClass: 'contributor', shares: 1, joinedAt: '2026-01-01T00:00:00Z' })) });
    renderWithProviders(<AccountNav />);
    expect(await screen.findByRole('link', { name: 'Earnings' })).toHaveAttribute('href', '/account/earnings');
    expect(screen.getByRole('link', { name: 'Statements' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Payouts' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Patronage' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Co-op books' })).toHaveAttribute('href', '/coop/books');
    expect(screen.queryByRole('link', { name: 'Co-op admin' })).not.toBeInTheDocument();
  });

  it('shows a buyer only the profile and purchases', async () => {
    mockApi({ 'GET /api/v1/me': () => json(me(['buyer'], null)) });
    renderWithProviders(<AccountNav />);
    expect(await screen.findByRole('link', { name: 'Profile' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Earnings' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Co-op books' })).not.toBeInTheDocument();
  });
});
