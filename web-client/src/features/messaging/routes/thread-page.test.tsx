import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ANA, THREAD, bea, message, signedIn, thread } from '../testing/fixtures';
import type { ThreadDetail } from '../api/types';
import { ThreadPage } from './thread-page';

function renderThread(detail: () => ThreadDetail, handlers: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({
    'GET /api/v1/me': () => json(signedIn()),
    [`GET /api/v1/threads/${THREAD}`]: () => json(detail()),
    [`POST /api/v1/threads/${THREAD}/read`]: () => new Response(null, { status: 204 }),
    'GET /api/v1/me/blocks': () => json({ items: [] }),
    ...handlers,
  });
  const view = renderWithProviders(
    <Routes>
      <Route path="/inbox/:id" element={<ThreadPage />} />
    </Routes>,
    { route: `/inbox/${THREAD}` },
  );
  return { api, ...view };
}

describe('ThreadPage', () => {
  it('shows the messages oldest first, mine apart from theirs, and renders only the server’s sanitized HTML', async () => {
    renderThread(() =>
      thread({
        kind: 'commission',
        commission: { brief: 'Ten photos', budget: { amount: 50000, currency: 'EUR' }, deadline: '2026-12-24' },
        messages: [
          message({ author: bea, mine: true, body: '<script>alert(1)</script> **Ten photos**', bodyHtml: '<p><strong>Ten photos</strong></p>' }),
          message({ body: '[site](javascript:alert(1))', bodyHtml: '<p><a href="https://example.test" rel="nofollow noopener">site</a></p>' }),
        ],
      }),
    );
    const list = await screen.findByRole('list', { name: 'Messages, oldest first' });
    const [mine, theirs] = within(list).getAllByRole('listitem');
    expect(mine).toHaveClass('message--mine');
    expect(within(mine!).getByText('Ten photos').tagName).toBe('STRONG');
    // The Markdown source is never rendered: no literal script text, no javascript: link.
    expect(list).not.toHaveTextContent('<script>');
    expect(list).not.toHaveTextContent('**');
    expect(within(theirs!).getByRole('link', { name: 'site' })).toHaveAttribute('href', 'https://example.test');
    expect(theirs).not.toHaveClass('message--mine');
    expect(within(theirs!).getByRole('button', { name: /Report/ })).toBeInTheDocument();
    expect(within(mine!).queryByRole('button', { name: /Report/ })).not.toBeInTheDocument();

    const terms = screen.getByRole('region', { name: /Commission/ });
    expect(terms).toHaveTextContent('€500.00');
  });

  it('shows a hidden message as hidden pending review, without its text', async () => {
    renderThread(() => thread({ messages: [message({ hidden: true, body: null, bodyHtml: null })] }));
    const list = await screen.findByRole('list', { name: 'Messages, oldest first' });
    expect(list).toHaveTextContent('Hidden pending review');
    expect(list).toHaveTextContent('hidden pending review by the co-op');
    expect(within(list).queryByRole('button', { name: /Report/ })).not.toBeInTheDocument();
  });

  it('marks the thread read on opening, sends a reply with Ctrl+Enter and shows it', async () => {
    let messages = [message()];
    const { api, user } = renderThread(() => thread({ messages }), {
      [`POST /api/v1/threads/${THREAD}/messages`]: async (request) => {
        const { body } = (await request.json()) as { body: string };
        const sent = message({ author: bea, mine: true, body, bodyHtml: `<p>${body}</p>` });
        messages = [...messages, sent];
        return json(sent, 201);
      },
    });
    await waitFor(() => expect(api.last(`POST /api/v1/threads/${THREAD}/read`)).toBeDefined());

    const box = await screen.findByRole('textbox', { name: /Your reply/ });
    await user.type(box, 'Thanks, next week works.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByText('Thanks, next week works.', { selector: 'p' })).toBeInTheDocument();
    expect(await api.last(`POST /api/v1/threads/${THREAD}/messages`)!.json()).toEqual({ body: 'Thanks, next week works.' });
    expect(box).toHaveValue('');
    // The new message counts as read too.
    await waitFor(() => expect(api.requests.filter((r) => r.url.endsWith('/read')).length).toBeGreaterThanOrEqual(2));
  });

  it('blocks the counterpart after confirming, and then offers Unblock instead of the reply box', async () => {
    let blocked = false;
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { api, user } = renderThread(() => thread({ canReply: !blocked, cannotReplyReason: blocked ? 'You blocked Ana Okafor; unblock to reply.' : null }), {
      [`PUT /api/v1/me/blocks/${ANA}`]: () => {
        blocked = true;
        return new Response(null, { status: 204 });
      },
      'GET /api/v1/me/blocks': () => json({ items: blocked ? [{ user: { id: ANA, displayName: 'Ana Okafor', handle: 'ana-okafor' }, blockedAt: '2026-11-27T10:00:00Z' }] : [] }),
    });
    await user.click(await screen.findByRole('button', { name: 'Block Ana Okafor' }));
    expect(api.last(`PUT /api/v1/me/blocks/${ANA}`)).toBeDefined();
    expect(await screen.findByRole('button', { name: 'Unblock Ana Okafor' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /Your reply/ })).not.toBeInTheDocument();
    expect(screen.getByText('You blocked Ana Okafor; unblock to reply.')).toBeInTheDocument();
  });

  it('reports a message with a reason', async () => {
    const other = message({ body: 'rude', bodyHtml: '<p>rude</p>' });
    const { api, user } = renderThread(() => thread({ messages: [other] }), {
      [`POST /api/v1/messages/${other.id}/reports`]: () => json({ id: 'r1' }, 201),
    });
    await user.click(await screen.findByRole('button', { name: 'Report this message from Ana Okafor' }));
    const dialog = screen.getByRole('dialog', { name: 'Report a message from Ana Okafor' });
    await user.click(within(dialog).getByRole('button', { name: 'Report message' }));
    expect(within(dialog).getByRole('textbox', { name: 'Reason' })).toHaveAccessibleDescription(/Say what is wrong/);
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Insults');
    await user.click(within(dialog).getByRole('button', { name: 'Report message' }));
    expect(await screen.findByText('You reported a message from Ana Okafor. It is hidden for everyone until the admins review it.')).toBeInTheDocument();
    expect(await api.last(`POST /api/v1/messages/${other.id}/reports`)!.json()).toEqual({ reason: 'Insults' });
  });

  it('says the conversation does not exist to someone outside it', async () => {
    mockApi({ 'GET /api/v1/me': () => json(signedIn()) });
    renderWithProviders(
      <Routes>
        <Route path="/inbox/:id" element={<ThreadPage />} />
      </Routes>,
      { route: `/inbox/${THREAD}` },
    );
    expect(await screen.findByRole('heading', { name: 'No such conversation' })).toBeInTheDocument();
  });
});
