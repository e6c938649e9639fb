import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useThreads } from '../api/list-threads';
import type { ThreadSummary } from '../api/types';
import { commissionTerms, formatWhen } from '../lib/format';
import '../messaging.css';

export function InboxPage() {
  const threads = useThreads();
  const items = threads.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="inbox">
      <PageHeading title="Inbox">Inbox</PageHeading>
      {threads.isPending && <Spinner label="Loading your messages…" />}
      {threads.isError && <Alert title="Could not load your messages">{threads.error.message}</Alert>}
      {threads.isSuccess && items.length === 0 && (
        <div className="empty">
          <p>No messages yet.</p>
          <p>
            Questions and commission requests between buyers and photographers appear here. To write to a photographer, open one of
            their photos or their portfolio and choose “Contact”. <Link to="/search">Browse the catalogue</Link>
          </p>
        </div>
      )}
      {items.length > 0 && (
        <ul className="thread-list" aria-label="Conversations, latest first">
          {items.map((thread) => (
            <ThreadRow key={thread.id} thread={thread} />
          ))}
        </ul>
      )}
      {threads.hasNextPage && (
        <Button variant="secondary" loading={threads.isFetchingNextPage} onClick={() => void threads.fetchNextPage()}>
          Older conversations
        </Button>
      )}
    </div>
  );
}

function ThreadRow({ thread }: { thread: ThreadSummary }) {
  const unread = thread.unreadCount > 0;
  return (
    <li className={`thread-row${unread ? ' thread-row--unread' : ''}`}>
      {thread.asset?.thumbnailUrl ? (
        <img className="thread-row__thumb" src={thread.asset.thumbnailUrl} width={64} height={64} alt="" loading="lazy" decoding="async" />
      ) : (
        <span className="thread-row__thumb thread-row__thumb--none" aria-hidden="true" />
      )}
      <div className="thread-row__main">
        <p className="thread-row__top">
          <span className="thread-row__who">{thread.counterpart.displayName}</span>
          {thread.lastMessage && (
            <time className="muted thread-row__when" dateTime={thread.lastMessage.at}>
              {formatWhen(thread.lastMessage.at)}
            </time>
          )}
        </p>
        <p className="thread-row__subject">
          <Link to={`/inbox/${thread.id}`} className="thread-row__link">
            {unread && <span className="visually-hidden">Unread:</span>}{unread && ' '}
            {thread.subject}
          </Link>
          {unread && (
            <span className="badge badge--count" aria-label={`${thread.unreadCount} unread`}>
              {thread.unreadCount}
            </span>
          )}
        </p>
        {thread.kind === 'commission' && (
          <p className="thread-row__commission">
            <span className="badge badge--commission">Commission</span> <span className="muted">{commissionTerms(thread.commission)}</span>
          </p>
        )}
        {thread.lastMessage && <p className="muted thread-row__excerpt">{thread.lastMessage.excerpt}</p>}
      </div>
    </li>
  );
}
