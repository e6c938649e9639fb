import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useBlockUser } from '../api/block-user';
import { useThread } from '../api/get-thread';
import { useBlocks } from '../api/list-blocks';
import { useMarkThreadRead } from '../api/mark-thread-read';
import { usePostMessage } from '../api/post-message';
import type { ThreadDetail } from '../api/types';
import { useUnblockUser } from '../api/unblock-user';
import { MessageList } from '../components/message-list';
import { ReplyBox } from '../components/reply-box';
import { formatDeadline } from '../lib/format';
import { formatMoneyOf } from '@/lib/format-money';
import '../messaging.css';

export function ThreadPage() {
  const { id = '' } = useParams();
  const thread = useThread(id);

  if (thread.isPending) return <Spinner label="Loading the conversation…" />;
  if (thread.isError) {
    const missing = thread.error instanceof ApiError && (thread.error.status === 404 || thread.error.status === 400);
    return (
      <>
        <PageHeading title="Conversation not found">{missing ? 'No such conversation' : 'Could not load the conversation'}</PageHeading>
        <Alert tone={missing ? 'info' : 'error'}>
          {missing ? 'It does not exist, or you are not part of it. ' : `${thread.error.message} `}
          <Link to="/inbox">Back to your inbox</Link>
        </Alert>
      </>
    );
  }
  return <Conversation thread={thread.data} />;
}

function Conversation({ thread }: { thread: ThreadDetail }) {
  const location = useLocation();
  const post = usePostMessage();
  const markRead = useMarkThreadRead();
  const blocks = useBlocks();
  const block = useBlockUser();
  const unblock = useUnblockUser();
  const counterpart = thread.counterpart;
  // Whether *I* blocked them decides between Block and Unblock; the thread says whether either side did.
  const blockedByMe = blocks.data?.items.some((b) => b.user.id === counterpart.id) ?? false;
  const last = thread.messages.at(-1)?.id;
  const { mutate: markAsRead } = markRead;

  // On opening, and whenever polling brings in a newer message, what is on screen counts as read.
  useEffect(() => {
    if (last) markAsRead(thread.id);
  }, [thread.id, last, markAsRead]);

  const sent = (location.state as { sent?: boolean } | null)?.sent === true && thread.messages.length === 1;

  return (
    <div className="conversation">
      <p className="breadcrumb">
        <Link to="/inbox">Inbox</Link>
      </p>
      <PageHeading title={thread.subject}>{thread.subject}</PageHeading>
      <div className="conversation__meta">
        {thread.asset && (
          <Link to={`/assets/${thread.asset.id}`} className="conversation__asset">
            {thread.asset.thumbnailUrl && <img src={thread.asset.thumbnailUrl} width={64} height={64} alt="" decoding="async" />}
            <span>{thread.asset.title || 'Untitled photo'}</span>
          </Link>
        )}
        <p>
          {thread.kind === 'commission' ? 'Commission request' : 'Question'} with{' '}
          {counterpart.handle ? <Link to={`/c/${counterpart.handle}`}>{counterpart.displayName}</Link> : <strong>{counterpart.displayName}</strong>}
        </p>
      </div>
      {sent && <Alert tone="success">Sent. {counterpart.displayName} is notified and can reply here.</Alert>}

      {thread.kind === 'commission' && thread.commission && (
        <section className="card commission" aria-labelledby="commission-heading">
          <h2 id="commission-heading" className="commission__title">
            <span className="badge badge--commission">Commission</span> request
          </h2>
          <dl className="details details--compact">
            <div>
              <dt>Budget</dt>
              <dd>{thread.commission.budget ? formatMoneyOf(thread.commission.budget) : 'Not given'}</dd>
            </div>
            <div>
              <dt>Deadline</dt>
              <dd>{thread.commission.deadline ? formatDeadline(thread.commission.deadline) : 'None given'}</dd>
            </div>
          </dl>
        </section>
      )}

      <MessageList messages={thread.messages} label="Messages, oldest first" />

      <ReplyBox
        onSend={(body) => post.mutateAsync({ threadId: thread.id, body })}
        pending={post.isPending}
        disabledReason={thread.canReply ? null : (thread.cannotReplyReason ?? 'You can no longer reply in this conversation.')}
      />

      <section className="conversation__safety" aria-label="Safety">
        {blockedByMe ? (
          <Button variant="secondary" loading={unblock.isPending} onClick={() => unblock.mutate(counterpart.id)}>
            Unblock {counterpart.displayName}
          </Button>
        ) : (
          <Button
            variant="ghost"
            loading={block.isPending}
            onClick={() => {
              if (window.confirm(`Block ${counterpart.displayName}? Neither of you can write to the other until you unblock them.`)) {
                block.mutate(counterpart.id);
              }
            }}
          >
            Block {counterpart.displayName}
          </Button>
        )}
        {(block.isError || unblock.isError) && <Alert>{(block.error ?? unblock.error)?.message}</Alert>}
      </section>
    </div>
  );
}
