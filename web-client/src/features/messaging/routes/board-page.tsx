import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, noErrors, type FormErrors } from '@/lib/form-errors';
import { useMe } from '@/lib/session/get-me';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useBoardTopics } from '../api/list-board-topics';
import { useStartBoardTopic } from '../api/start-board-topic';
import type { BoardTopicSummary } from '../api/types';
import { MembersOnly } from '../components/members-only';
import { TextAreaField } from '@/components/ui/text-area-field';
import { MARKDOWN_HINT } from '../components/markdown-hint';
import { formatWhen } from '../lib/format';
import { canAnnounce } from '../lib/roles';
import '../messaging.css';

export function BoardPage() {
  const me = useMe();
  const member = Boolean(me.data?.membership);
  const topics = useBoardTopics(member);
  const [composing, setComposing] = useState(false);

  if (me.isPending) return <Spinner label="Checking your session…" />;
  if (!member) return <MembersOnly />;
  const items = topics.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="board">
      <div className="section-head">
        <PageHeading title="Members' board">Members&apos; board</PageHeading>
        {!composing && <Button onClick={() => setComposing(true)}>New topic</Button>}
      </div>
      {composing && <NewTopicForm announcer={canAnnounce(me.data?.roles ?? [])} onCancel={() => setComposing(false)} />}
      {topics.isPending && <Spinner label="Loading topics…" />}
      {topics.isError && <Alert title="Could not load the board">{topics.error.message}</Alert>}
      {topics.isSuccess && items.length === 0 && <p className="empty">No topics yet. Start the first one.</p>}
      {items.length > 0 && (
        <ul className="topic-list" aria-label="Topics, pinned first, then latest activity">
          {items.map((topic) => (
            <TopicRow key={topic.id} topic={topic} />
          ))}
        </ul>
      )}
      {topics.hasNextPage && (
        <Button variant="secondary" loading={topics.isFetchingNextPage} onClick={() => void topics.fetchNextPage()}>
          Older topics
        </Button>
      )}
    </div>
  );
}

function TopicRow({ topic }: { topic: BoardTopicSummary }) {
  const unread = topic.unreadCount > 0;
  return (
    <li className={`topic-row${topic.pinned ? ' topic-row--pinned' : ''}${unread ? ' thread-row--unread' : ''}`}>
      <p className="topic-row__title">
        {topic.announcement && <span className="badge badge--announcement">Announcement</span>}
        {topic.pinned && !topic.announcement && <span className="badge badge--announcement">Pinned</span>}{' '}
        <Link to={`/board/${topic.id}`}>
          {unread && <span className="visually-hidden">Unread:</span>}{unread && ' '}
          {topic.title}
        </Link>
        {unread && (
          <span className="badge badge--count" aria-label={`${topic.unreadCount} new`}>
            {topic.unreadCount}
          </span>
        )}
      </p>
      {topic.excerpt && !topic.fromBlocked && <p className="topic-row__excerpt">{topic.excerpt}</p>}
      <p className="muted topic-row__meta">
        by {topic.author.displayName} · {topic.replyCount} {topic.replyCount === 1 ? 'reply' : 'replies'} · last activity{' '}
        <time dateTime={topic.lastMessageAt}>{formatWhen(topic.lastMessageAt)}</time>
      </p>
    </li>
  );
}

type TopicField = 'title' | 'body';
const TOPIC_FIELDS: readonly TopicField[] = ['title', 'body'];

function NewTopicForm({ announcer, onCancel }: { announcer: boolean; onCancel: () => void }) {
  const navigate = useNavigate();
  const start = useStartBoardTopic();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [announcement, setAnnouncement] = useState(false);
  const [errors, setErrors] = useState<FormErrors<TopicField>>(noErrors);
  const titleRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  useFocusFirstError(errors, TOPIC_FIELDS, { title: titleRef, body: bodyRef }, alert);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (start.isPending) return;
    const fields: Partial<Record<TopicField, string>> = {};
    if (!title.trim()) fields.title = 'Give the topic a title.';
    if (!body.trim()) fields.body = 'Write the first post.';
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    setErrors(noErrors);
    try {
      const topic = await start.mutateAsync({ title: title.trim(), body: body.trim(), ...(announcer && announcement ? { announcement: true } : {}) });
      navigate(`/board/${topic.id}`);
    } catch (e) {
      setErrors(formErrorsFrom(e, TOPIC_FIELDS));
    }
  }

  return (
    <form className="form card new-topic" noValidate onSubmit={onSubmit} aria-label="New topic">
      {errors.form && (
        <Alert ref={alert} title="The topic was not posted">
          {errors.form}
        </Alert>
      )}
      <TextField ref={titleRef} label="Title" name="title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} error={errors.fields.title} />
      <TextAreaField ref={bodyRef} label="First post" name="body" rows={6} hint={MARKDOWN_HINT} value={body} onChange={(e) => setBody(e.target.value)} error={errors.fields.body} />
      {announcer && (
        <label className="checkbox">
          <input type="checkbox" checked={announcement} onChange={(e) => setAnnouncement(e.target.checked)} />
          Announcement: pinned at the top, and every member is notified
        </label>
      )}
      <div className="actions">
        <Button type="submit" loading={start.isPending} loadingText="Posting…">
          Post topic
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
