import { Link, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClassName } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { formErrorsFrom } from '@/lib/form-errors';
import { formatBasisPoints } from '@/lib/format-month';
import { useMe, type Me } from '@/lib/session/get-me';
import { useCoopSettings } from '../api/get-coop-settings';
import { useProposal } from '../api/get-proposal';
import { useOpenProposal } from '../api/open-proposal';
import type { Proposal } from '../api/types';
import { useWithdrawProposal } from '../api/withdraw-proposal';
import { Countdown } from '../components/countdown';
import { OutcomeBadge, StatusBadge } from '../components/outcome-badge';
import { ResultsChart } from '../components/results-chart';
import { SettingsChangeSummary } from '../components/settings-change-summary';
import { TurnoutBar } from '../components/turnout-bar';
import { VotePanel } from '../components/vote-panel';
import { kindLabel, formatInstant, thresholdText } from '../lib/proposal-text';
import { classLabel } from '../lib/settings-change';
import '../proposals.css';

/** `/coop/proposals/:id` (members): the text, the rule, the binding change, the ballot, live turnout, the result. */
export function ProposalPage() {
  const { id = '' } = useParams();
  const proposal = useProposal(id);
  const me = useMe().data;

  if (proposal.isPending || !me) return <Spinner label="Loading the proposal…" />;
  if (proposal.isError) {
    const missing = proposal.error instanceof ApiError && proposal.error.status === 404;
    return (
      <div className="proposal-page">
        <PageHeading title="Proposal">{missing ? 'Proposal not found' : 'Proposal'}</PageHeading>
        <Alert title={missing ? 'There is no such proposal' : 'Could not load the proposal'}>
          {missing ? 'It may have been a mistyped link.' : proposal.error.message}
        </Alert>
        <p>
          <Link to="/coop/proposals">All proposals</Link>
        </p>
      </div>
    );
  }
  return <ProposalBody proposal={proposal.data} me={me} />;
}

function ProposalBody({ proposal, me }: { proposal: Proposal; me: Me }) {
  const change = proposal.kind !== 'election' ? proposal.settingsChange : null;
  const settings = useCoopSettings();
  const results = proposal.status === 'closed' ? proposal.results : null;

  return (
    <article className="proposal-page">
      <p className="proposal-page__back">
        <Link to={`/coop/proposals?status=${proposal.status === 'withdrawn' ? 'closed' : proposal.status}`}>← All proposals</Link>
      </p>
      <PageHeading title={proposal.title}>{proposal.title}</PageHeading>
      <p className="proposal-meta">
        <StatusBadge status={proposal.status} /> {results && <OutcomeBadge outcome={results.outcome} />}{' '}
        <span>
          {kindLabel(proposal.kind)} · proposed by {proposal.author.displayName}
        </span>
      </p>

      <section className="proposal-rules" aria-label="How this vote is decided">
        <p>{thresholdText(proposal)}</p>
        <p>
          Who may vote: {proposal.eligibleClasses.map(classLabel).join(', ')}. One member, one vote
          {proposal.kind === 'election' ? ' (a ballot may approve several candidates)' : ''}.{' '}
          {proposal.secretBallot ? 'Secret ballot: who voted is recorded, never how.' : 'Open ballot: each vote is recorded with its voter.'}
        </p>
        <VotingWindow proposal={proposal} />
      </section>

      <div className="proposal-text" dangerouslySetInnerHTML={{ __html: proposal.bodyHtml }} />

      {change && (
        <SettingsChangeSummary
          change={change}
          current={settings.data}
          pending={proposal.status === 'draft' || proposal.status === 'open'}
          applied={!!results?.settingsChangeId}
        />
      )}

      {proposal.status === 'open' && proposal.turnout && (
        <section aria-labelledby="turnout-heading">
          <h2 id="turnout-heading">Turnout so far</h2>
          <TurnoutBar voted={proposal.turnout.voted} eligible={proposal.turnout.eligible} quorumBp={proposal.quorumBp} live />
        </section>
      )}

      {proposal.status !== 'closed' && <VotePanel proposal={proposal} me={me} />}

      {results && <Results proposal={proposal} />}

      <ProposalActions proposal={proposal} />
    </article>
  );
}

function VotingWindow({ proposal }: { proposal: Proposal }) {
  if (proposal.status === 'draft')
    return (
      <p>
        Not open for voting yet.
        {proposal.closesAt && <> Planned close: {formatInstant(proposal.closesAt)}.</>}
      </p>
    );
  return (
    <p>
      Voting {proposal.status === 'open' ? 'opened' : 'ran from'} {proposal.opensAt ? formatInstant(proposal.opensAt) : '—'}
      {proposal.closesAt && (
        <>
          {proposal.status === 'open' ? ' and closes ' : ' to '}
          {formatInstant(proposal.closesAt)}
        </>
      )}
      .{' '}
      {proposal.status === 'open' && proposal.closesAt && (
        <strong>
          <Countdown closesAt={proposal.closesAt} />
        </strong>
      )}
    </p>
  );
}

function Results({ proposal }: { proposal: Proposal }) {
  const results = proposal.results!;
  const elected = proposal.options.filter((o) => o.candidate && results.elected.includes(o.candidate.id));
  return (
    <section className="proposal-results" aria-labelledby="results-heading">
      <h2 id="results-heading">Result</h2>
      <p className="proposal-results__outcome">
        <OutcomeBadge outcome={results.outcome} /> Closed {formatInstant(results.closedAt)}.{' '}
        {results.quorumMet
          ? `Quorum met: ${formatBasisPoints(results.turnoutBp)} turnout against ${formatBasisPoints(proposal.quorumBp)} needed.`
          : `Quorum not met: ${formatBasisPoints(results.turnoutBp)} turnout against ${formatBasisPoints(proposal.quorumBp)} needed, so the proposal cannot carry.`}
      </p>
      <TurnoutBar voted={results.voted} eligible={results.eligible} quorumBp={proposal.quorumBp} />
      <ResultsChart proposal={proposal} results={results} />
      {proposal.kind === 'election' && (
        <p>
          {elected.length > 0
            ? `Elected to the board: ${elected.map((o) => o.candidate!.displayName).join(', ')}.`
            : 'Nobody was elected.'}
        </p>
      )}
      {!proposal.secretBallot && proposal.ballots && proposal.ballots.length > 0 && <Ballots proposal={proposal} />}
      {results.settingsChangeProblem && (
        <Alert tone="info" title="The settings change could not be made">
          {results.settingsChangeProblem}
        </Alert>
      )}
      {results.settingsChangeId && (
        <p>
          This vote changed the co-op&apos;s settings: <Link to="/coop/settings">see the change in the settings history</Link>.
        </p>
      )}
    </section>
  );
}

/** An open ballot's record after close: each voter and their choice. Secret ballots never have one. */
function Ballots({ proposal }: { proposal: Proposal }) {
  const label = (id: string) => proposal.options.find((o) => o.id === id)?.label ?? 'unknown option';
  return (
    <details className="proposal-ballots">
      <summary>How each member voted (open ballot)</summary>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">How each member voted</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Vote</th>
            </tr>
          </thead>
          <tbody>
            {proposal.ballots!.map((b) => (
              <tr key={b.voter.id}>
                <th scope="row">{b.voter.displayName}</th>
                <td>{b.optionIds.map(label).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function ProposalActions({ proposal }: { proposal: Proposal }) {
  const open = useOpenProposal();
  const withdraw = useWithdrawProposal();
  // The server says what this person may do (author, board, state); the buttons follow it.
  const { canEdit, canOpen, canWithdraw } = proposal;
  if (!canEdit && !canOpen && !canWithdraw) return null;
  const failed = open.error ?? withdraw.error;
  return (
    <section className="proposal-actions" aria-label="Manage this proposal">
      {failed && <Alert title="That did not work">{formErrorsFrom(failed, []).form}</Alert>}
      <div className="proposal-actions__buttons">
        {canEdit && (
          <Link className={buttonClassName('secondary')} to={`/coop/proposals/${proposal.id}/edit`}>
            Edit draft
          </Link>
        )}
        {canOpen && (
          <Button loading={open.isPending} loadingText="Opening…" onClick={() => open.mutate(proposal.id)}>
            Open for voting
          </Button>
        )}
        {canWithdraw && (
          <Button
            variant="ghost"
            loading={withdraw.isPending}
            loadingText="Withdrawing…"
            onClick={() => {
              if (window.confirm(`Withdraw “${proposal.title}”? ${proposal.status === 'open' ? 'Votes cast so far will not be counted.' : ''}`))
                withdraw.mutate(proposal.id);
            }}
          >
            Withdraw
          </Button>
        )}
      </div>
    </section>
  );
}
