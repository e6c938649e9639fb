/**
 * TEMPORARY: the shapes agreed in the issue-9 contract, until msg-api's regenerated schema is merged.
 * Replaced by aliases of `components['schemas'][…]` as soon as it is.
 */
export type Money = { amount: number; currency: string };
export type PersonRef = { id: string; displayName: string; handle?: string | null };

export type ThreadSummary = {
  id: string;
  kind: 'question' | 'commission';
  subject: string;
  asset?: { id: string; title?: string | null; thumbnailUrl?: string | null } | null;
  counterpart: PersonRef;
  lastMessage?: { excerpt: string; at: string; authorId: string } | null;
  unreadCount: number;
  commission?: { brief?: string | null; budget?: Money | null; deadline?: string | null } | null;
};
export type ThreadList = { items: ThreadSummary[] };

export type ThreadMessage = {
  id: string;
  author: PersonRef;
  body?: string | null;
  bodyHtml?: string | null;
  createdAt: string;
  hidden: boolean;
  mine: boolean;
  fromBlocked?: boolean;
};

export type ThreadDetail = ThreadSummary & { messages: ThreadMessage[]; blockedByMe?: boolean };

export type StartThreadRequest = {
  recipientId: string;
  kind: 'question' | 'commission';
  subject: string;
  body: string;
  assetId?: string | null;
  budget?: Money | null;
  deadline?: string | null;
};

export type UnreadCounts = { threads: number; board: number };

export type BoardTopicSummary = {
  id: string;
  title: string;
  author: PersonRef;
  announcement: boolean;
  pinned: boolean;
  replyCount: number;
  lastActivityAt: string;
  unreadCount: number;
};
export type BoardTopicList = { items: BoardTopicSummary[] };
export type BoardTopicDetail = BoardTopicSummary & { messages: ThreadMessage[] };

export type BlockedUser = { id: string; displayName: string; handle?: string | null; blockedAt: string };
export type BlockList = { items: BlockedUser[] };

export type MessageReport = {
  id: string;
  status: 'open' | 'removed' | 'restored';
  reason: string;
  reportedAt: string;
  reporter: PersonRef;
  message: { id: string; threadId: string; threadKind: string; author: PersonRef; body: string; bodyHtml: string; createdAt: string };
};
export type MessageReportList = { items: MessageReport[] };
