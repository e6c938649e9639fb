import { Link, useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { buttonClassName } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { CoopSectionNav } from '../../components/coop-section-nav';
import { useProposals } from '../api/list-proposals';
import type { ProposalStatus, ProposalSummary } from '../api/types';
import { Countdown } from '../components/countdown';
import { OutcomeBadge, StatusBadge } from '../components/outcome-badge';
import { TurnoutBar } from '../components/turnout-bar';
import { kindLabel, formatInstant } from '../lib/proposal-text';
import '../proposals.css';

const TABS: { status: ProposalStatus; label: string; empty: string }[] = [
  { status: 'open', label: 'Open for voting', empty: 'Nothing is open for voting right now.' },
  { status: 'draft', label: 'Drafts', empty: 'No drafts. Anyone in the co-op can draft a proposal.' },
  { status: 'closed', label: 'Closed', empty: 'No vote has closed yet.' },
];

export function statusFromParams(params: URLSearchParams): ProposalStatus {
  const value = params.get('status');
  return TABS.find((t) => t.status === value)?.status ?? 'open';
}

/** `/coop/proposals` (members): proposals by status; the status is in the address so it survives reloads and Back. */
export function ProposalsPage() {
  const [params] = useSearchParams();
  const status = statusFromParams(params);
  const tab = TABS.find((t) => t.status === status)!;
  const list = useProposals(status);

  return (
    <div className="proposals-page">
      <CoopSectionNav />
      <div className="proposals-page__head">
        <PageHeading title="Proposals">Proposals and votes</PageHeading>
        <Link className={buttonClassName('primary')} to="/coop/proposals/new">
          New proposal
        </Link>
      </div>
      <p className="lede">One member, one vote. Carried proposals that change the co-op&apos;s settings apply themselves when the vote closes.</p>
      <nav aria-label="Filter by status" className="status-tabs">
        <ul>
          {TABS.map((t) => (
            <li key={t.status}>
              <Link to={`/coop/proposals?status=${t.status}`} className="status-tabs__link" aria-current={t.status === status ? 'page' : undefined}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {list.isPending && <Spinner label="Loading proposals…" />}
      {list.isError && <Alert title="Could not load the proposals">{list.error.message}</Alert>}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p className="proposals-page__empty">{tab.empty}</p>
        ) : (
          <ul className="proposal-list" aria-label={tab.label}>
            {list.data.items.map((p) => (
              <ProposalItem key={p.id} proposal={p} />
            ))}
          </ul>
        ))}
    </div>
  );
}

function ProposalItem({ proposal }: { proposal: ProposalSummary }) {
  return (
    <li className="proposal-card">
      <h2 className="proposal-card__title">
        <Link to={`/coop/proposals/${proposal.id}`}>{proposal.title}</Link>
      </h2>
      <p className="proposal-card__meta">
        {kindLabel(proposal.kind)} · by {proposal.author.displayName}
      </p>
      {proposal.status === 'open' && (
        <>
          {proposal.closesAt && (
            <p className="proposal-card__time">
              <Countdown closesAt={proposal.closesAt} />
              {proposal.voted ? ' · You have voted' : ' · You have not voted yet'}
            </p>
          )}
          {proposal.turnout && <TurnoutBar voted={proposal.turnout.voted} eligible={proposal.turnout.eligible} />}
        </>
      )}
      {(proposal.status === 'closed' || proposal.status === 'withdrawn') && (
        <p className="proposal-card__outcome">
          {proposal.status === 'withdrawn' ? <StatusBadge status="withdrawn" /> : proposal.outcome && <OutcomeBadge outcome={proposal.outcome} />}{' '}
          {proposal.closedAt && <>Closed {formatInstant(proposal.closedAt)}</>}
          {proposal.status === 'closed' && proposal.turnout && (
            <>
              {' '}
              · {proposal.turnout.voted} of {proposal.turnout.eligible} voted
            </>
          )}
        </p>
      )}
      {proposal.status === 'draft' && <p className="proposal-card__time">Draft — not open for voting yet.</p>}
    </li>
  );
}
