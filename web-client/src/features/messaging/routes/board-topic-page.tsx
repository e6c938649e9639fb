import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useMe } from '@/lib/session/get-me';
import { useBoardTopic } from '../api/get-board-topic';
import { useMarkBoardTopicRead } from '../api/mark-board-topic-read';
import { usePinBoardTopic } from '../api/pin-board-topic';
import { useReplyToBoardTopic } from '../api/reply-to-board-topic';
import type { BoardTopicDetail } from '../api/types';
import { MembersOnly } from '../components/members-only';
import { MessageList } from '../components/message-list';
import { ReplyBox } from '../components/reply-box';
import { canAnnounce } from '../lib/roles';
import '../messaging.css';

export function BoardTopicPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const member = Boolean(me.data?.membership);
  const topic = useBoardTopic(id, member);

  if (me.isPending) return <Spinner label="Checking your session…" />;
  if (!member) return <MembersOnly />;
  if (topic.isPending) return <Spinner label="Loading the topic…" />;
  if (topic.isError) {
    const missing = topic.error instanceof ApiError && (topic.error.status === 404 || topic.error.status === 400);
    return (
      <>
        <PageHeading title="Topic not found">{missing ? 'No such topic' : 'Could not load the topic'}</PageHeading>
        <Alert tone={missing ? 'info' : 'error'}>
          {missing ? 'It may have been removed, or the link is wrong. ' : `${topic.error.message} `}
          <Link to="/board">Back to the board</Link>
        </Alert>
      </>
    );
  }
  return <Topic topic={topic.data} announcer={canAnnounce(me.data?.roles ?? [])} />;
}

function Topic({ topic, announcer }: { topic: BoardTopicDetail; announcer: boolean }) {
  const reply = useReplyToBoardTopic();
  const pin = usePinBoardTopic();
  const { mutate: markAsRead } = useMarkBoardTopicRead();
  const last = topic.messages.at(-1)?.id;

  useEffect(() => {
    if (last) markAsRead(topic.id);
  }, [topic.id, last, markAsRead]);

  return (
    <div className="conversation">
      <p className="breadcrumb">
        <Link to="/board">Members&apos; board</Link>
      </p>
      <PageHeading title={topic.title}>{topic.title}</PageHeading>
      <p className="muted">
        {topic.announcement && <span className="badge badge--announcement">Announcement</span>}
        {topic.pinned && !topic.announcement && <span className="badge badge--announcement">Pinned</span>} Started by {topic.author.displayName}
      </p>
      {announcer && (
        <Button variant="secondary" loading={pin.isPending} onClick={() => pin.mutate({ topicId: topic.id, pinned: !topic.pinned })}>
          {topic.pinned ? 'Unpin' : 'Pin to the top'}
        </Button>
      )}
      {pin.isError && <Alert>{pin.error.message}</Alert>}
      <MessageList messages={topic.messages} label="Posts, oldest first" />
      <ReplyBox onSend={(body) => reply.mutateAsync({ topicId: topic.id, body })} pending={reply.isPending} />
    </div>
  );
}
