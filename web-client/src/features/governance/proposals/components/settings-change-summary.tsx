import { Link } from 'react-router';
import type { CoopSettings, SettingsChange } from '../api/types';
import { describeSettingsChange } from '../lib/settings-change';

/**
 * The binding change a proposal carries. Before the vote each line reads "today → proposed"; once it has been applied
 * today's value IS the new one, so only the new value is shown, with a link to the history that records it.
 */
export function SettingsChangeSummary({
  change,
  current,
  applied,
  pending,
}: {
  change: SettingsChange;
  current: CoopSettings | undefined;
  /** The proposal carried and the change was recorded. */
  applied: boolean;
  /** Still a draft or open: it will apply only if the proposal carries. */
  pending: boolean;
}) {
  const lines = describeSettingsChange(change, applied ? undefined : current);
  return (
    <section className="proposal-change" aria-labelledby="proposal-change-heading">
      <h2 id="proposal-change-heading">Binding settings change</h2>
      <p className="muted">
        {pending
          ? 'If this proposal carries, the co-op’s settings change as below the moment the vote closes. If it fails, nothing changes.'
          : applied
            ? 'The proposal carried and this change was applied.'
            : 'Nothing changed: the proposal did not carry, or its change could not be made (see the result).'}
      </p>
      <ul className="proposal-change__list">
        {lines.map((line) => (
          <li key={line.key}>
            <span className="proposal-change__label">{line.label}:</span>{' '}
            {line.from !== null && (
              <>
                <span className="proposal-change__from">{line.from}</span> <span aria-hidden="true">→</span>{' '}
                <span className="visually-hidden">to</span>{' '}
              </>
            )}
            <strong className="proposal-change__to">{line.to}</strong>
          </li>
        ))}
      </ul>
      {applied && (
        <p>
          <Link to="/coop/settings">See it in the settings history</Link>
        </p>
      )}
    </section>
  );
}
