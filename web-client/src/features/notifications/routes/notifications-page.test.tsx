import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { NotificationsPage } from './notifications-page';

const item = {
  id: 'n1',
  kind: 'submission.reviewed',
  title: 'Declined: Harbour at dawn',
  body: 'Too similar to existing work',
  link: '/portfolio/a1',
  createdAt: '2026-11-27T10:00:00Z',
  read: false,
};

describe('NotificationsPage', () => {
  it('lists notifications and marks them all read', async () => {
    const read = vi.fn(() => new Response(null, { status: 204 }));
    const api = mockApi({
      'GET /api/v1/me/notifications': () => json({ items: [item], nextCursor: null, unreadCount: 1 }),
      'POST /api/v1/me/notifications/read': read,
    });
    const { user } = renderWithProviders(<NotificationsPage />);

    expect(await screen.findByRole('link', { name: 'Declined: Harbour at dawn' })).toHaveAttribute('href', '/portfolio/a1');
    expect(screen.getByText('Too similar to existing work')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Mark all as read' }));
    expect(read).toHaveBeenCalledOnce();
    expect(await api.last('POST /api/v1/me/notifications/read')!.json()).toEqual({ all: true });
  });
});
