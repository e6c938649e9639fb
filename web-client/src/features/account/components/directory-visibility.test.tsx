import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '@/lib/session/get-me';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { DirectoryVisibility } from './directory-visibility';

const member: Me = {
  id: 'u1', email: 'ana@example.test', displayName: 'Ana', roles: ['contributor'],
  membership: { memberClass: 'contributor', shares: 1, joinedAt: '2026-01-01T00:00:00Z' }, createdAt: '2026-01-01T00:00:00Z', directoryVisible: false,
};

describe('DirectoryVisibility', () => {
  it('lets a member opt in to the directory', async () => {
    const api = mockApi({ 'PUT /api/v1/me/directory': () => json({ ...member, directoryVisible: true }) });
    const { user } = renderWithProviders(<DirectoryVisibility me={member} />);
    const box = screen.getByRole('checkbox', { name: /List me in the member directory/ });
    expect(box).not.toBeChecked();
    await user.click(box);
    expect(await api.last('PUT /api/v1/me/directory')!.json()).toEqual({ visible: true });
  });

  it('is not offered to people who are not members', () => {
    renderWithProviders(<DirectoryVisibility me={{ ...member, membership: null }} />);
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });
});
