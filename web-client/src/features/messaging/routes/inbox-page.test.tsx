import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { THREAD, signedIn, summary } from '../testing/fixtures';
import { InboxPage } from './inbox-page';

describe('InboxPage', () => {
  it('lists each conversation with its counterpart, photo, last message, unread count and commission terms', async () => {
    mockApi({
      'GET /api/v1/me': () => json(signedIn()),
      'GET /api/v1/threads': () =>
        json({
          items: [
            summary({
              kind: 'commission',
              subject: 'Dawn at the harbour',
              unreadCount: 2,
              commission: { brief: 'Ten photos', budget: { amount: 125050, currency: 'USD' }, deadline: '2026-12-24' },
              lastMessage: { excerpt: 'Happy to do it next week.', at: '2026-11-20T10:00:00Z', authorId: 'x' },
            }),
            summary({ id: 'other', subject: 'Larger size?', asset: null }),
          ],
          nextCursor: null,
        }),
    });
    renderWithProviders(<InboxPage />, { route: '/inbox' });

    const list = await screen.findByRole('list', { name: 'Conversations, latest first' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(within(first!).getByRole('link', { name: 'Unread: Dawn at the harbour' })).toHaveAttribute('href', `/inbox/${THREAD}`);
    expect(first).toHaveTextContent('Ana Okafor');
    expect(within(first!).getByLabelText('2 unread')).toHaveTextContent('2');
    expect(first).toHaveTextContent('Commission');
    expect(first).toHaveTextContent('Budget $1,250.50');
    expect(first).toHaveTextContent(/by Dec 24, 2026|by 24 Dec 2026/);
    expect(first).toHaveTextContent('Happy to do it next week.');
    expect(first!.querySelector('img')).toHaveAttribute('src', '/media/renditions/t.jpg');
    expect(within(second!).getByRole('link', { name: 'Larger size?' })).toBeInTheDocument();
    expect(second).not.toHaveTextContent('Commission');
  });

  it('explains how conversations start when there are none', async () => {
    mockApi({ 'GET /api/v1/me': () => json(signedIn()), 'GET /api/v1/threads': () => json({ items: [], nextCursor: null }) });
    renderWithProviders(<InboxPage />, { route: '/inbox' });
    expect(await screen.findByText('No messages yet.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse the catalogue' })).toHaveAttribute('href', '/search');
  });

  it('fetches older conversations from the cursor the server gave', async () => {
    const api = mockApi({
      'GET /api/v1/me': () => json(signedIn()),
      'GET /api/v1/threads': (request) =>
        new URL(request.url).searchParams.get('cursor') === 'c1'
          ? json({ items: [summary({ id: 'old', subject: 'From last year' })], nextCursor: null })
          : json({ items: [summary({ subject: 'This week' })], nextCursor: 'c1' }),
    });
    const { user } = renderWithProviders(<InboxPage />, { route: '/inbox' });
    await screen.findByRole('link', { name: 'This week' });
    await user.click(screen.getByRole('button', { name: 'Older conversations' }));
    expect(await screen.findByRole('link', { name: 'From last year' })).toBeInTheDocument();
    expect(new URL(api.last('GET /api/v1/threads')!.url).searchParams.get('cursor')).toBe('c1');
    expect(screen.queryByRole('button', { name: 'Older conversations' })).not.toBeInTheDocument();
  });
});
