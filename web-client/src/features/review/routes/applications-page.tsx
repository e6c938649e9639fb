import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '@/api/problem';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useDecideApplication, type ApplicationVote } from '../api/decide-application';
import { useApplications, type PendingApplication } from '../api/list-applications';

type Message = { tone: 'error'; text: string };

function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The vote could not be sent. Check your connection and try again.';
  if (error.status === 403) return error.problem?.detail ?? 'You cannot vote on your own application.';
  if (error.status === 409) return error.problem?.detail ?? 'You already voted, or the application was already decided.';
  return error.message;
}

/** The board's list of pending membership applications; each editor votes once on each. */
export function ApplicationsPage() {
  const applications = useApplications();
  // A decided application leaves the list on refetch, so the outcome is told above it.
  const [notice, setNotice] = useState('');

  return (
    <>
      <div className="page-head">
        <PageHeading title="Membership applications">Membership applications</PageHeading>
        <Link to="/review">Review queue</Link>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      {applications.isPending && <Spinner label="Loading applications…" />}
      {applications.isError && <Alert title="Could not load applications">{applications.error.message}</Alert>}
      {applications.data?.length === 0 && <p>No applications are waiting.</p>}
      {applications.data && applications.data.length > 0 && (
        <ul className="applications">
          {applications.data.map((a) => (
            <ApplicationCard key={a.id} application={a} onVoted={setNotice} />
          ))}
        </ul>
      )}
    </>
  );
}

function ApplicationCard({
  application: a,
  onVoted,
}: {
  application: PendingApplication;
  onVoted: (text: string) => void;
}) {
  const decide = useDecideApplication();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const headingId = `application-${a.id}`;

  function send(vote: ApplicationVote) {
    setMessage(null);
    onVoted('');
    decide.mutate(
      { applicationId: a.id, vote, reason: vote === 'decline' ? reason : undefined, note },
      {
        onSuccess: (result) => {
          setDeclining(false);
          onVoted(
            `Your ${vote === 'approve' ? 'approval' : 'decline'} of ${a.applicantName} was recorded ` +
              `(${result.status}; ${result.approvals} of ${result.approvalsRequired} approvals).`,
          );
        },
        onError: (error) => setMessage({ tone: 'error', text: problemText(error) }),
      },
    );
  }

  function onDecline(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '') {
      setReasonError('Give a reason for declining.');
      return;
    }
    setReasonError(null);
    send('decline');
  }

  return (
    <li className="application" aria-labelledby={headingId}>
      <h2 id={headingId}>{a.applicantName}</h2>
      <p className="application__statement">{a.statement}</p>
      {a.links.length > 0 && (
        <ul className="application__links" aria-label="Portfolio links">
          {a.links.map((link) => (
            <li key={link}>
              <a href={link} target="_blank" rel="noopener noreferrer">
                {link}
              </a>
            </li>
          ))}
        </ul>
      )}
      <ul className="application__samples" aria-label="Samples">
        {a.samples.map((s) => (
          <li key={s.assetId}>
            {s.thumbnail ? (
              <img src={s.thumbnail.url} width={s.thumbnail.width} height={s.thumbnail.height} alt="Sample photo" loading="lazy" />
            ) : (
              <span>Preview not ready</span>
            )}
          </li>
        ))}
      </ul>
      <p>
        Approvals: {a.approvals} of {a.approvalsRequired}
        {a.votedByMe ? ' · You have voted' : ' · You have not voted'}
      </p>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {!a.votedByMe && !declining && (
        <div className="application__actions">
          <Button onClick={() => send('approve')} loading={decide.isPending} loadingText="Approving…">
            Approve
          </Button>
          <Button variant="secondary" onClick={() => setDeclining(true)} disabled={decide.isPending}>
            Decline
          </Button>
        </div>
      )}
      {!a.votedByMe && declining && (
        <form onSubmit={onDecline} noValidate aria-label={`Decline ${a.applicantName}`}>
          <div className={['field', reasonError ? 'field--invalid' : null].filter(Boolean).join(' ')}>
            <label className="field__label" htmlFor={`${headingId}-reason`}>
              Reason
            </label>
            <textarea
              id={`${headingId}-reason`}
              className="field__input"
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={reasonError ? true : undefined}
            />
            {reasonError && <p className="field__error">{reasonError}</p>}
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${headingId}-note`}>
              Note (optional)
            </label>
            <textarea
              id={`${headingId}-note`}
              className="field__input"
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <Button type="submit" loading={decide.isPending} loadingText="Declining…">
            Send decline
          </Button>
          <Button variant="ghost" onClick={() => setDeclining(false)}>
            Cancel
          </Button>
        </form>
      )}
    </li>
  );
}
