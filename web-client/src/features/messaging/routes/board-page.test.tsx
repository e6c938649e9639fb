import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ana, member, message, signedIn } from '../testing/fixtures';
import { BoardPage } from './board-page';
import { BoardTopicPage } from './board-topic-page';

const topic = (overrides: Record<string, unknown> = {}) => ({
  id: 't1',
  title: 'Spring meetup',
  author: ana,
  announcement: false,
  pinned: false,
  replyCount: 3,
  createdAt: '2026-11-19T10:00:00Z',
  lastMessageAt: '2026-11-20T10:00:00Z',
  excerpt: 'Who is coming?',
  fromBlocked: false,
  unreadCount: 0,
  ...overrides,
});

function renderBoard(me: unknown, handlers: Parameters<typeof mockApi>[0] = {}, route = '/board') {
  const api = mockApi({ 'GET /api/v1/me': () => json(me), ...handlers });
  const view = renderWithProviders(
    <Routes>
      <Route path="/board" element={<BoardPage />} />
      <Route path="/board/:id" element={<BoardTopicPage />} />
    </Routes>,
    { route },
  );
  return { api, ...view };
}

describe('BoardPage', () => {
  it('lists pinned announcements first with a badge, then topics with replies, activity and unread', async () => {
    renderBoard(member(), {
      'GET /api/v1/board/topics': () =>
        json({
          items: [
            topic({ id: 'a1', title: 'AGM on 12 December', announcement: true, pinned: true, replyCount: 1 }),
            topic({ unreadCount: 2 }),
          ],
        }),
    });
    const list = await screen.findByRole('list', { name: /Topics, pinned first/ });
    const [announcement, ordinary] = within(list).getAllByRole('listitem');
    expect(announcement).toHaveTextContent('Announcement');
    expect(within(announcement!).getByRole('link', { name: 'AGM on 12 December' })).toHaveAttribute('href', '/board/a1');
    expect(announcement).toHaveTextContent('1 reply');
    expect(ordinary).toHaveTextContent('3 replies');
    expect(within(ordinary!).getByRole('link', { name: 'Unread: Spring meetup' })).toBeInTheDocument();
    expect(within(ordinary!).getByLabelText('2 new')).toBeInTheDocument();
  });

  it('explains the board is for members, and asks the API nothing, for a non-member', async () => {
    const { api } = renderBoard(signedIn());
    expect(await screen.findByRole('heading', { name: "The board is for the co-op's members" })).toBeInTheDocument();
    expect(api.last('GET /api/v1/board/topics')).toBeUndefined();
  });

  it('lets a plain member start a topic, without the announcement option', async () => {
    const { api, user } = renderBoard(member(), {
      'GET /api/v1/board/topics': () => json({ items: [] }),
      'POST /api/v1/board/topics': () => json(topic({ id: 'new' }), 201),
      'GET /api/v1/board/topics/new': () => json({ ...topic({ id: 'new', title: 'Darkroom swap' }), messages: [message()] }),
      'POST /api/v1/board/topics/new/read': () => new Response(null, { status: 204 }),
    });
    await user.click(await screen.findByRole('button', { name: 'New topic' }));
    const form = screen.getByRole('form', { name: 'New topic' });
    expect(within(form).queryByRole('checkbox', { name: /Announcement/ })).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Post topic' }));
    expect(within(form).getByRole('textbox', { name: 'Title' })).toHaveAccessibleDescription(/Give the topic a title/);
    await user.type(within(form).getByRole('textbox', { name: 'Title' }), 'Darkroom swap');
    await user.type(within(form).getByRole('textbox', { name: /First post/ }), 'Who has a spare enlarger?');
    await user.click(within(form).getByRole('button', { name: 'Post topic' }));
    expect(await screen.findByRole('heading', { name: 'Darkroom swap' })).toBeInTheDocument();
    expect(await api.last('POST /api/v1/board/topics')!.json()).toEqual({ title: 'Darkroom swap', body: 'Who has a spare enlarger?' });
  });

  it('gives the board and admins an announcement checkbox', async () => {
    const { api, user } = renderBoard(member(['contributor', 'board']), {
      'GET /api/v1/board/topics': () => json({ items: [] }),
      'POST /api/v1/board/topics': () => json(topic({ id: 'new' }), 201),
    });
    await user.click(await screen.findByRole('button', { name: 'New topic' }));
    const form = screen.getByRole('form', { name: 'New topic' });
    await user.type(within(form).getByRole('textbox', { name: 'Title' }), 'AGM');
    await user.type(within(form).getByRole('textbox', { name: /First post/ }), 'On the 12th.');
    await user.click(within(form).getByRole('checkbox', { name: /Announcement/ }));
    await user.click(within(form).getByRole('button', { name: 'Post topic' }));
    await screen.findByRole('button', { name: 'New topic' }).catch(() => null);
    expect(await api.last('POST /api/v1/board/topics')!.json()).toEqual({ title: 'AGM', body: 'On the 12th.', announcement: true });
  });
});

describe('BoardTopicPage', () => {
  it('shows the posts, hides reported ones, and replies', async () => {
    let replies = 0;
    const { api, user } = renderBoard(
      member(),
      {
        'GET /api/v1/board/topics/t1': () =>
          json({
            ...topic(),
            messages: [
              message({ bodyHtml: '<p>Meet at the <em>harbour</em>?</p>' }),
              message({ hidden: true, body: null, bodyHtml: null }),
              ...Array.from({ length: replies }, () => message({ mine: true, bodyHtml: '<p>Count me in</p>' })),
            ],
          }),
        'POST /api/v1/board/topics/t1/read': () => new Response(null, { status: 204 }),
        'POST /api/v1/board/topics/t1/replies': () => {
          replies += 1;
          return json(message({ mine: true }), 201);
        },
      },
      '/board/t1',
    );
    const posts = await screen.findByRole('list', { name: 'Posts, oldest first' });
    expect(within(posts).getByText('harbour').tagName).toBe('EM');
    expect(posts).toHaveTextContent('Hidden pending review');
    expect(screen.queryByRole('button', { name: /Pin/ })).not.toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: /Your reply/ }), 'Count me in');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Count me in')).toBeInTheDocument();
    expect(await api.last('POST /api/v1/board/topics/t1/replies')!.json()).toEqual({ body: 'Count me in' });
  });

  it('lets the board pin a topic', async () => {
    const { api, user } = renderBoard(
      member(['contributor', 'board']),
      {
        'GET /api/v1/board/topics/t1': () => json({ ...topic(), messages: [message()] }),
        'POST /api/v1/board/topics/t1/read': () => new Response(null, { status: 204 }),
        'PUT /api/v1/board/topics/t1/pin': () => json(topic({ pinned: true })),
      },
      '/board/t1',
    );
    await user.click(await screen.findByRole('button', { name: 'Pin to the top' }));
    expect(await api.last('PUT /api/v1/board/topics/t1/pin')!.json()).toEqual({ pinned: true });
  });
});
