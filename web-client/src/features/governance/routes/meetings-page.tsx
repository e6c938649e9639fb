import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, noErrors, type FormErrors } from '@/lib/form-errors';
import { useMe } from '@/lib/session/get-me';
import { useMeetings } from '../api/meetings-list';
import { useScheduleMeeting } from '../api/meetings-schedule';
import { CoopSectionNav } from '../components/coop-section-nav';
import '../governance-settings.css';

export const MEETING_KINDS: Record<string, string> = { agm: 'Annual general meeting', general: 'General meeting', board: 'Board meeting' };

export const canRunMeetings = (roles: readonly string[] | undefined) => !!roles?.some((r) => r === 'board' || r === 'admin');

/** `/coop/meetings` (members): the co-op's meetings; the board and admins schedule them. */
export function MeetingsPage() {
  const meetings = useMeetings();
  const me = useMe().data;
  return (
    <div className="gov-page">
      <CoopSectionNav />
      <PageHeading title="Meetings">Meetings and minutes</PageHeading>
      {meetings.isPending && <Spinner label="Loading the meetings…" />}
      {meetings.isError && <Alert title="Could not load the meetings">{meetings.error.message}</Alert>}
      {meetings.data && meetings.data.items.length === 0 && <p>No meeting has been scheduled yet.</p>}
      {meetings.data && meetings.data.items.length > 0 && (
        <table className="gov-table">
          <caption className="visually-hidden">The co-op&apos;s meetings, latest first</caption>
          <thead>
            <tr><th scope="col">Meeting</th><th scope="col">When</th><th scope="col">Kind</th><th scope="col">Minutes</th></tr>
          </thead>
          <tbody>
            {meetings.data.items.map((m) => (
              <tr key={m.id}>
                <td><Link to={`/coop/meetings/${m.id}`}>{m.title}</Link></td>
                <td><time dateTime={m.scheduledAt}>{new Date(m.scheduledAt).toLocaleString()}</time></td>
                <td>{MEETING_KINDS[m.kind] ?? m.kind}</td>
                <td>{m.minutesPublished ? 'Published' : 'Not yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canRunMeetings(me?.roles) && <ScheduleMeetingForm />}
    </div>
  );
}

type Field = 'kind' | 'title' | 'scheduledAt' | 'location' | 'onlineUrl' | 'agenda';

function ScheduleMeetingForm() {
  const schedule = useScheduleMeeting();
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  const kindId = useId();
  const agendaId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const when = text('scheduledAt');
    if (!when) return setErrors({ fields: { scheduledAt: 'Give the date and time of the meeting.' }, form: null });
    setErrors(noErrors);
    schedule.mutate(
      {
        kind: text('kind'),
        title: text('title'),
        scheduledAt: new Date(when).toISOString(),
        location: text('location') || null,
        onlineUrl: text('onlineUrl') || null,
        agenda: text('agenda'),
      },
      {
        onSuccess: (meeting) => {
          setCreated({ id: meeting.id, title: meeting.title });
          formElement.reset();
        },
        onError: (error) => setErrors(formErrorsFrom(error, ['kind', 'title', 'scheduledAt', 'location', 'onlineUrl', 'agenda'] as const)),
      },
    );
  }

  return (
    <section aria-labelledby="schedule-meeting">
      <h2 id="schedule-meeting">Schedule a meeting</h2>
      <form className="gov-form" onSubmit={onSubmit} noValidate>
        {errors.form && <Alert title="The meeting was not scheduled">{errors.form}</Alert>}
        {created && (
          <Alert tone="success">
            Scheduled: <Link to={`/coop/meetings/${created.id}`}>{created.title}</Link>
          </Alert>
        )}
        <div className="field">
          <label className="field__label" htmlFor={kindId}>Kind</label>
          <select id={kindId} name="kind" className="field__input" defaultValue="general">
            {Object.entries(MEETING_KINDS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </div>
        <TextField label="Title" name="title" required error={errors.fields.title} />
        <TextField label="Date and time" name="scheduledAt" type="datetime-local" required error={errors.fields.scheduledAt} />
        <TextField label="Location" name="location" error={errors.fields.location} />
        <TextField label="Online link" name="onlineUrl" type="url" placeholder="https://" error={errors.fields.onlineUrl} />
        <div className="field">
          <label className="field__label" htmlFor={agendaId}>Agenda (Markdown)</label>
          <textarea id={agendaId} name="agenda" className="field__input" rows={5} />
          {errors.fields.agenda && <p className="field__error">{errors.fields.agenda}</p>}
        </div>
        <Button type="submit" loading={schedule.isPending} loadingText="Scheduling…">Schedule meeting</Button>
      </form>
    </section>
  );
}
