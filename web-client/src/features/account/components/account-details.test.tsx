import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '@/lib/session/get-me';
import { AccountDetails } from './account-details';

const base: Me = {
  id: '0190a1b2-0000-7000-8000-000000000001',
  email: 'ana@example.test',
  displayName: 'Ana Photographer',
  roles: ['buyer', 'contributor'],
  // The server sends "membership": null for non-members; the contract only says the field is optional.
  createdAt: '2026-01-02T03:04:05Z',
  directoryVisible: false,
};

describe('AccountDetails', () => {
  it('shows the profile, roles and that the user is not a member', () => {
    render(<AccountDetails me={base} />);

    expect(screen.getByText('Ana Photographer')).toBeInTheDocument();
    expect(screen.getByText('ana@example.test')).toBeInTheDocument();
    const roles = within(screen.getByRole('list', { name: 'Roles' })).getAllByRole('listitem');
    expect(roles.map((r) => r.textContent)).toEqual(['Buyer', 'Contributor']);
    expect(screen.getByText(/not a member of the co-op yet/)).toBeInTheDocument();
  });

  it('shows the membership', () => {
    render(
      <AccountDetails
        me={{ ...base, membership: { memberClass: 'buyerMember', shares: 1, joinedAt: '2026-02-03T00:00:00Z' } }}
      />,
    );

    const membership = screen.getByRole('region', { name: 'Co-op membership' });
    expect(within(membership).getByText('Buyer member')).toBeInTheDocument();
    expect(within(membership).getByText('1')).toBeInTheDocument();
  });
});
