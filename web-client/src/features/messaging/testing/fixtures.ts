import type { ThreadDetail, ThreadMessage, ThreadSummary } from '../api/types';

export const ME = '0192f0c1-0000-7000-8000-00000000000a';
export const ANA = '0192f0c1-0000-7000-8000-00000000000b';
export const THREAD = '0192f0c1-0000-7000-8000-0000000000c1';
export const ASSET = '0192f0c1-0000-7000-8000-0000000000d1';

export const signedIn = (overrides: Record<string, unknown> = {}) => ({
  id: ME,
  email: 'buyer@example.test',
  displayName: 'Bea Buyer',
  roles: ['buyer'],
  membership: null,
  createdAt: '2026-01-01T00:00:00Z',
  ...overrides,
});

export const member = (roles: string[] = ['contributor']) =>
  signedIn({ roles, membership: { memberClass: 'contributor', shares: 1, joinedAt: '2026-01-01T00:00:00Z' } });

export const ana = { id: ANA, displayName: 'Ana Okafor', handle: 'ana-okafor' };
export const bea = { id: ME, displayName: 'Bea Buyer', handle: 'bea-buyer' };

export function message(overrides: Partial<ThreadMessage> = {}): ThreadMessage {
  return {
    id: crypto.randomUUID(),
    author: ana,
    body: 'Hello',
    bodyHtml: '<p>Hello</p>',
    createdAt: '2026-11-27T10:00:00Z',
    hidden: false,
    removed: false,
    mine: false,
    fromBlocked: false,
    ...overrides,
  };
}

export function summary(overrides: Partial<ThreadSummary> = {}): ThreadSummary {
  return {
    id: THREAD,
    kind: 'question',
    subject: 'Harbour lights at dusk',
    asset: { id: ASSET, title: 'Harbour lights at dusk', thumbnailUrl: '/media/renditions/t.jpg' },
    counterpart: ana,
    lastMessage: { excerpt: 'Is a larger size available?', at: '2026-11-27T10:00:00Z', authorId: ME },
    unreadCount: 0,
    commission: null,
    createdAt: '2026-11-27T09:00:00Z',
    ...overrides,
  };
}

export function thread(overrides: Partial<ThreadDetail> = {}): ThreadDetail {
  const { lastMessage: _last, ...rest } = summary();
  void _last;
  return { ...rest, lastMessageAt: '2026-11-27T10:00:00Z', messages: [message()], canReply: true, cannotReplyReason: null, ...overrides };
}
