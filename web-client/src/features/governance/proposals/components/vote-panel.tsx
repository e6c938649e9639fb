import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { formErrorsFrom } from '@/lib/form-errors';
import type { Me } from '@/lib/session/get-me';
import { useCastVote } from '../api/cast-vote';
import type { Proposal } from '../api/types';
import { classLabel } from '../lib/settings-change';
import { formatInstant } from '../lib/proposal-text';
import { useNow } from '../lib/use-now';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Why this member cannot vote on this proposal right now, or null when they can. */
export function refusal(proposal: Proposal, me: Me, now: number): string | null {
  if (proposal.status === 'draft') return 'This proposal is still a draft: members vote once the board opens it.';
  if (proposal.status === 'withdrawn') return 'This proposal was withdrawn, so there is no vote.';
  if (proposal.status === 'closed') return 'Voting has closed.';
  if (proposal.closesAt && Date.parse(proposal.closesAt) <= now) return 'Voting has ended; the result is being counted.';
  const memberClass = me.membership?.memberClass;
  if (!memberClass) return 'Only members of the co-op can vote.';
  if (!proposal.eligibleClasses.includes(memberClass))
    return `Only ${proposal.eligibleClasses.map(classLabel).join(', ')} may vote on this proposal; you are a member as one of the ${classLabel(memberClass)}.`;
  // The electorate is fixed when the vote opens: someone who joined (or changed class) since is not on it.
  if (!proposal.canVote) return 'You are not on the electorate of this vote: it was fixed when voting opened.';
  return null;
}

/**
 * The ballot: one choice as radio buttons, or approval voting (any number of candidates) as checkboxes. The member's
 * current vote is pre-selected and marked; they may change it until the close.
 */
export function VotePanel({ proposal, me }: { proposal: Proposal; me: Me }) {
  const approval = proposal.kind === 'election';
  const current = proposal.myVote?.optionIds ?? [];
  const [selected, setSelected] = useState<string[]>(current);
  const [done, setDone] = useState<string | null>(null);
  const cast = useCastVote();
  const legendId = useId();
  const reason = refusal(proposal, me, useNow());
  const hasVoted = !!proposal.myVote;
  // A secret ballot may keep even the voter's own choice out of the response: then only the fact is known.
  const choiceHidden = hasVoted && current.length === 0;

  if (reason) {
    return (
      <section className="vote-panel" aria-labelledby={legendId}>
        <h2 id={legendId}>Your vote</h2>
        {hasVoted && <p>You voted on {formatInstant(proposal.myVote!.castAt)}.</p>}
        <p className="vote-panel__refused">{reason}</p>
      </section>
    );
  }

  const unchanged = hasVoted && !choiceHidden && sameSet(selected, current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (selected.length === 0 || unchanged) return;
    setDone(null);
    cast.mutate(
      { id: proposal.id, optionIds: selected },
      { onSuccess: () => setDone(hasVoted ? 'Your vote was changed.' : 'Your vote was recorded. You can change it until voting closes.') },
    );
  };
  const error = cast.isError ? formErrorsFrom(cast.error, ['optionIds'] as const) : null;
  const toggle = (id: string, on: boolean) => {
    setDone(null);
    setSelected((s) => (approval ? (on ? [...s, id] : s.filter((x) => x !== id)) : [id]));
  };

  return (
    <section className="vote-panel" aria-labelledby={legendId}>
      <h2 id={legendId}>Your vote</h2>
      {hasVoted && (
        <p>
          You voted on {formatInstant(proposal.myVote!.castAt)}
          {choiceHidden ? '. Your choice is secret and not shown here.' : '; your current vote is marked below.'} You can change it
          until voting closes.
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <fieldset className="vote-panel__options">
          <legend>{approval ? 'Tick every candidate you approve of' : 'Choose one'}</legend>
          {proposal.options.map((option) => {
            const isCurrent = current.includes(option.id);
            return (
              <label key={option.id} className={`vote-option${isCurrent ? ' vote-option--current' : ''}`}>
                <input
                  type={approval ? 'checkbox' : 'radio'}
                  name="vote"
                  value={option.id}
                  checked={selected.includes(option.id)}
                  onChange={(event) => toggle(option.id, event.target.checked)}
                />
                <span className="vote-option__label">{option.label}</span>
                {isCurrent && (
                  <>
                    {' '}
                    <span className="vote-option__current">Your vote</span>
                  </>
                )}
              </label>
            );
          })}
        </fieldset>
        {error && (
          <Alert title="Your vote was not recorded">{error.fields.optionIds ?? error.form}</Alert>
        )}
        {done && (
          <Alert tone="success">{done}</Alert>
        )}
        <Button
          type="submit"
          loading={cast.isPending}
          loadingText="Recording your vote…"
          aria-disabled={selected.length === 0 || unchanged || undefined}
        >
          {hasVoted ? 'Change vote' : 'Vote'}
        </Button>
        {selected.length === 0 && <p className="muted">{approval ? 'Tick at least one candidate.' : 'Choose an option to vote.'}</p>}
      </form>
      <p className="muted vote-panel__secrecy">
        {proposal.secretBallot
          ? 'Secret ballot: the co-op records that you voted, never how. Nobody — not the board, not the admins — can see your choice.'
          : 'Open ballot: how each member votes is recorded with their name and open to the members.'}
      </p>
    </section>
  );
}
