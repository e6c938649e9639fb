import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useOutbox } from '../api/list-outbox';

/** The local outbox: what would have been mailed on a run without an SMTP server, and what was. */
export function OutboxPage() {
  const outbox = useOutbox();
  const items = outbox.data?.items ?? [];
  return (
    <div className="outbox-page">
      <PageHeading title="Outbox">E-mail outbox</PageHeading>
      {outbox.isPending && <Spinner label="Loading the outbox…" />}
      {outbox.isError && <Alert title="Could not load the outbox">{outbox.error.message}</Alert>}
      {outbox.isSuccess && items.length === 0 && <p className="empty">No e-mails yet.</p>}
      <ul className="notifications" aria-label="E-mails, newest first">
        {items.map((mail) => (
          <li key={mail.id} className="card notification">
            <p className="notification__title">{mail.subject}</p>
            <p className="muted">
              To {mail.to} · {new Date(mail.createdAt).toLocaleString()} ·{' '}
              {mail.sentAt ? 'sent' : mail.keptLocally ? 'kept locally (no SMTP server)' : `waiting (${mail.attempts} attempts)`}
            </p>
            <p className="notification__body">{mail.textBody}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
