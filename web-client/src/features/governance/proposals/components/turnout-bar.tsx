import { formatBasisPoints } from '@/lib/format-month';
import { shareText } from '../lib/proposal-text';

/**
 * Voted / eligible as a bar with the quorum marked on it. The sentence carries everything the bar shows, so the bar
 * itself is decoration to assistive technology.
 */
export function TurnoutBar({
  voted,
  eligible,
  quorumBp,
  live = false,
}: {
  voted: number;
  eligible: number;
  /** Unknown in the list (its summaries do not carry it): the bar then has no marker. */
  quorumBp?: number | undefined;
  live?: boolean;
}) {
  const filled = eligible > 0 ? Math.min(100, (voted / eligible) * 100) : 0;
  const needed = quorumBp === undefined ? 0 : Math.ceil((eligible * quorumBp) / 10000);
  const quorumMet = quorumBp !== undefined && voted >= needed && eligible > 0;
  return (
    <div className="turnout">
      <p className="turnout__text" aria-live={live ? 'polite' : undefined}>
        <strong>
          {voted} of {eligible}
        </strong>{' '}
        eligible {eligible === 1 ? 'member has' : 'members have'} voted ({shareText(voted, eligible)}).
        {quorumBp !== undefined && (
          <>
            {' '}
            Quorum: {formatBasisPoints(quorumBp)} ({needed} {needed === 1 ? 'vote' : 'votes'}) — {quorumMet ? 'reached' : 'not reached yet'}.
          </>
        )}
      </p>
      <div className="turnout__track" aria-hidden="true">
        <div className={`turnout__fill${quorumMet ? ' turnout__fill--met' : ''}`} style={{ width: `${filled}%` }} />
        {quorumBp !== undefined && <div className="turnout__quorum" style={{ left: `${Math.min(100, quorumBp / 100)}%` }} />}
      </div>
    </div>
  );
}
