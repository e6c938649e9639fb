import { useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useDecideMessageReport } from '../api/decide-message-report';
import { useMessageReports } from '../api/list-message-reports';
import type { MessageReport } from '../api/types';
import { formatWhen } from '../lib/format';
import '../messaging.css';

/** The admins' queue of reported messages: read the message and the reason, then remove it or restore it. */
export function AdminReportsPage() {
  const reports = useMessageReports();
  const items = reports.data?.items ?? [];
  return (
    <div className="reports">
      <p className="breadcrumb">
        <Link to="/admin/payouts">Co-op admin</Link>
      </p>
      <PageHeading title="Reported messages">Reported messages</PageHeading>
      <p className="lede">Reported messages are hidden from everyone but their author until you decide. The author is told the outcome.</p>
      {reports.isPending && <Spinner label="Loading reports…" />}
      {reports.isError && <Alert title="Could not load the reports">{reports.error.message}</Alert>}
      {reports.isSuccess && items.length === 0 && <p className="empty">No open reports.</p>}
      {items.length > 0 && (
        <ul className="report-list" aria-label="Open reports, oldest first">
          {items.map((report) => (
            <ReportCard key={report.id} report={report} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ReportCard({ report }: { report: MessageReport }) {
  const decide = useDecideMessageReport();
  const [note, setNote] = useState('');
  const noteId = `report-note-${report.id}`;
  const where =
    report.message.threadKind === 'topic'
      ? `on the members’ board, in “${report.message.threadSubject}”`
      : `in a private ${report.message.threadKind}, “${report.message.threadSubject}”`;
  return (
    <li className="card report-card">
      <article aria-label={`Report on a message from ${report.message.author.displayName}`}>
        <p className="report-card__meta">
          <strong>{report.message.author.displayName}</strong> wrote {where},{' '}
          <time dateTime={report.message.createdAt}>{formatWhen(report.message.createdAt)}</time>:
        </p>
        <blockquote className="message__body report-card__message" dangerouslySetInnerHTML={{ __html: report.message.bodyHtml }} />
        <p>
          Reported by <strong>{report.reporter.displayName}</strong> <time dateTime={report.createdAt}>{formatWhen(report.createdAt)}</time>
          : <q>{report.reason}</q>
        </p>
        <div className="field">
          <label className="field__label" htmlFor={noteId}>
            Note to the author (optional)
          </label>
          <input id={noteId} className="field__input" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </div>
        {decide.isError && <Alert>{decide.error.message}</Alert>}
        <div className="actions">
          <Button
            loading={decide.isPending && decide.variables?.outcome === 'remove'}
            onClick={() => decide.mutate({ reportId: report.id, outcome: 'remove', ...(note.trim() ? { note: note.trim() } : {}) })}
          >
            Remove message
          </Button>
          <Button
            variant="secondary"
            loading={decide.isPending && decide.variables?.outcome === 'restore'}
            onClick={() => decide.mutate({ reportId: report.id, outcome: 'restore', ...(note.trim() ? { note: note.trim() } : {}) })}
          >
            Restore message
          </Button>
        </div>
      </article>
    </li>
  );
}
