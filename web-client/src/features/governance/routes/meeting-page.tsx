import { useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { formErrorsFrom, noErrors, type FormErrors } from '@/lib/form-errors';
import { useMe } from '@/lib/session/get-me';
import { useMeeting } from '../api/meetings-get';
import { usePublishMinutes } from '../api/meetings-publish-minutes';
import type { Meeting } from '../api/settings-types';
import { CoopSectionNav } from '../components/coop-section-nav';
import { canRunMeetings, MEETING_KINDS } from './meetings-page';
import '../governance-settings.css';

/** `/coop/meetings/:id` (members): agenda and minutes — HTML sanitized by the server, never Markdown rendered here. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const meeting = useMeeting(id);
  const me = useMe().data;
  return (
    <div className="gov-page">
      <CoopSectionNav />
      {meeting.isPending && <Spinner label="Loading the meeting…" />}
      {meeting.isError && <Alert title="Could not load the meeting">{meeting.error.message}</Alert>}
      {meeting.data && <MeetingBody meeting={meeting.data} canPublish={canRunMeetings(me?.roles)} />}
    </div>
  );
}

function MeetingBody({ meeting, canPublish }: { meeting: Meeting; canPublish: boolean }) {
  // The moment the page opened: the server refuses minutes before the meeting anyway.
  const [openedAt] = useState(() => Date.now());
  const held = new Date(meeting.scheduledAt).getTime() <= openedAt;
  return (
    <>
      <PageHeading title={meeting.title}>{meeting.title}</PageHeading>
      <p className="lede">
        {MEETING_KINDS[meeting.kind] ?? meeting.kind} · <time dateTime={meeting.scheduledAt}>{new Date(meeting.scheduledAt).toLocaleString()}</time>
        {meeting.location && ` · ${meeting.location}`}
        {meeting.onlineUrl && (
          <>
            {' · '}
            <a href={meeting.onlineUrl} rel="nofollow noopener" target="_blank">Join online</a>
          </>
        )}
      </p>
      <section aria-labelledby="agenda">
        <h2 id="agenda">Agenda</h2>
        {meeting.agendaHtml ? <div dangerouslySetInnerHTML={{ __html: meeting.agendaHtml }} /> : <p>No agenda yet.</p>}
      </section>
      {meeting.proposals.length > 0 && (
        <section aria-labelledby="meeting-proposals">
          <h2 id="meeting-proposals">Proposals</h2>
          <ul>
            {meeting.proposals.map((p) => (
              <li key={p.id}><Link to={`/coop/proposals/${p.id}`}>{p.title}</Link> ({p.status})</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="minutes" className="gov-minutes">
        <h2 id="minutes">Minutes</h2>
        {meeting.minutesHtml ? (
          <>
            <div dangerouslySetInnerHTML={{ __html: meeting.minutesHtml }} />
            {meeting.minutesPublishedAt && (
              <p className="lede">
                Published {new Date(meeting.minutesPublishedAt).toLocaleDateString()}
                {meeting.minutesPublishedBy && ` by ${meeting.minutesPublishedBy.displayName}`}
              </p>
            )}
          </>
        ) : (
          <p>The minutes have not been published yet.</p>
        )}
      </section>
      {canPublish && held && <PublishMinutesForm meeting={meeting} />}
    </>
  );
}

function PublishMinutesForm({ meeting }: { meeting: Meeting }) {
  const publish = usePublishMinutes();
  const [errors, setErrors] = useState<FormErrors<'minutes'>>(noErrors);
  const minutesId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const minutes = String(new FormData(event.currentTarget).get('minutes') ?? '');
    setErrors(noErrors);
    publish.mutate({ id: meeting.id, minutes }, { onError: (error) => setErrors(formErrorsFrom(error, ['minutes'] as const)) });
  }

  return (
    <section aria-labelledby="publish-minutes">
      <h2 id="publish-minutes">{meeting.minutes ? 'Correct the minutes' : 'Publish the minutes'}</h2>
      <form className="gov-form" onSubmit={onSubmit} noValidate>
        {errors.form && <Alert title="The minutes were not published">{errors.form}</Alert>}
        <div className={['field', errors.fields.minutes ? 'field--invalid' : null].filter(Boolean).join(' ')}>
          <label className="field__label" htmlFor={minutesId}>Minutes (Markdown)</label>
          <textarea id={minutesId} name="minutes" className="field__input" rows={10} defaultValue={meeting.minutes ?? ''}
            aria-invalid={errors.fields.minutes ? true : undefined} aria-describedby={errors.fields.minutes ? `${minutesId}-error` : undefined} />
          {errors.fields.minutes && <p className="field__error" id={`${minutesId}-error`}>{errors.fields.minutes}</p>}
        </div>
        <Button type="submit" loading={publish.isPending} loadingText="Publishing…">
          {meeting.minutes ? 'Save the minutes' : 'Publish the minutes'}
        </Button>
      </form>
    </section>
  );
}
