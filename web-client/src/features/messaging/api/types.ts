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
  removed: boolean;
  mine: boolean;
  fromBlocked: boolean;
};

export type ThreadDetail = ThreadSummary & { messages: ThreadMessage[]; canReply: boolean; cannotReplyReason?: string | null };

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
  createdAt: string;
  lastMessageAt: string;
  unreadCount: number;
  excerpt?: string | null;
  fromBlocked: boolean;
};
export type BoardTopicList = { items: BoardTopicSummary[] };
export type BoardTopicDetail = Omit<BoardTopicSummary, 'replyCount' | 'excerpt'> & { messages: ThreadMessage[] };

export type BlockedUser = { user: PersonRef; blockedAt: string };
export type BlockList = { items: BlockedUser[] };

export type MessageReport = {
  id: string;
  status: string;
  reason: string;
  createdAt: string;
  reporter: PersonRef;
  message: {
    id: string;
    threadId: string;
    threadKind: string;
    threadSubject: string;
    author: PersonRef;
    body: string;
    bodyHtml: string;
    createdAt: string;
    hidden: boolean;
    removed: boolean;
  };
};
export type MessageReportList = { items: MessageReport[] };
