import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { getThreadQueryOptions, POLL_MS } from '../api/get-thread';
import { BoardNavLink, InboxNavLink } from './inbox-nav-link';

describe('InboxNavLink and BoardNavLink', () => {
  it('carry the unread counts in their names', async () => {
    mockApi({ 'GET /api/v1/threads/unread': () => json({ threads: 3, board: 1 }) });
    renderWithProviders(
      <>
        <InboxNavLink />
        <BoardNavLink />
      </>,
    );
    expect(await screen.findByRole('link', { name: 'Inbox 3 unread' })).toHaveAttribute('href', '/inbox');
    expect(screen.getByRole('link', { name: 'Board 1 with new posts' })).toHaveAttribute('href', '/board');
  });

  it('say nothing more when all is read', async () => {
    const api = mockApi({ 'GET /api/v1/threads/unread': () => json({ threads: 0, board: 0 }) });
    renderWithProviders(<InboxNavLink />);
    await screen.findByRole('link', { name: 'Inbox' });
    expect(api.last('GET /api/v1/threads/unread')).toBeDefined();
    expect(screen.getByRole('link', { name: 'Inbox' })).not.toHaveTextContent(/\d/);
  });
});

describe('thread polling', () => {
  it('polls an open thread every 10 s, and not at all while the tab is hidden', () => {
    expect(getThreadQueryOptions('t', true).refetchInterval).toBe(POLL_MS);
    expect(POLL_MS).toBe(10_000);
    expect(getThreadQueryOptions('t', false).refetchInterval).toBe(false);
  });
});
