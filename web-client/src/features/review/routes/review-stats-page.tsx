import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useReviewStats } from '../api/get-review-stats';
import { formatHours } from '../lib/format-duration';

const OUTCOME_NAMES: Record<string, string> = { publish: 'Published', send_back: 'Sent back', decline: 'Declined' };

/** Public: how long the co-op's editors take, and how their decisions come out. */
export function ReviewStatsPage() {
  const stats = useReviewStats();

  return (
    <div className="review-stats">
      <PageHeading title="Review times">Review times</PageHeading>
      <p className="lede">Every photo is checked by a member editor before it is sold. This is how long that takes.</p>
      {stats.isPending ? (
        <Spinner label="Loading review figures…" />
      ) : stats.isError ? (
        <Alert title="The figures could not be loaded">{stats.error.message}</Alert>
      ) : (
        <>
          <dl className="stat-cards">
            <div className="stat-card">
              <dt>Waiting for review</dt>
              <dd>{stats.data.queueLength}</dd>
            </div>
            <div className="stat-card">
              <dt>Median wait</dt>
              <dd>{stats.data.medianWaitHours == null ? 'No decisions yet' : formatHours(stats.data.medianWaitHours)}</dd>
            </div>
            <div className="stat-card">
              <dt>9 in 10 decided within</dt>
              <dd>{stats.data.p90WaitHours == null ? 'No decisions yet' : formatHours(stats.data.p90WaitHours)}</dd>
            </div>
          </dl>
          <OutcomeBars counts={stats.data.decisionsByOutcome} windowDays={stats.data.windowDays} />
        </>
      )}
    </div>
  );
}

function OutcomeBars({ counts, windowDays }: { counts: Record<string, number>; windowDays: number }) {
  const known = Object.keys(OUTCOME_NAMES);
  const rows = [...known, ...Object.keys(counts).filter((k) => !known.includes(k))].map((key) => ({
    key,
    label: OUTCOME_NAMES[key] ?? key,
    value: counts[key] ?? 0,
  }));
  const max = Math.max(1, ...rows.map((r) => r.value));
  const total = rows.reduce((sum, r) => sum + r.value, 0);

  return (
    <section aria-labelledby="outcomes-title" className="outcome-bars">
      <h2 id="outcomes-title">Decisions in the last {windowDays} days</h2>
      {total === 0 ? (
        <p className="muted">No decisions in this period.</p>
      ) : (
        <ul className="outcome-bars__list">
          {rows.map((row) => (
            <li key={row.key} className="outcome-bars__row">
              <span className="outcome-bars__label">{row.label}</span>
              <span className="outcome-bars__track" aria-hidden="true">
                <span
                  className={`outcome-bars__bar outcome-bars__bar--${row.key}`}
                  style={{ width: `${(row.value / max) * 100}%` }}
                />
              </span>
              <span className="outcome-bars__value">{row.value}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
