import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { formatMoney } from '@/lib/format-money';
import { formatDay } from '@/lib/format-month';
import { useAdminPayouts } from '../api/list-admin-payouts';
import { useRunPayouts } from '../api/run-payouts';
import type { AdminPayout } from '../api/types';
import { AdminNav } from '../components/admin-nav';
import '../coop.css';

const STATUS_BADGE: Record<string, string> = { pending: 'processing', sent: 'inReview', paid: 'published', failed: 'failed' };

/** `/admin/payouts`: the monthly runs, every payout, failures first, and a button to run now. */
export function AdminPayoutsPage() {
  const payouts = useAdminPayouts();
  const run = useRunPayouts();
  const items = payouts.data?.items ?? [];
  const failed = items.filter((p) => p.status === 'failed');

  return (
    <div className="coop-page">
      <PageHeading title="Payout runs">Payout runs</PageHeading>
      <AdminNav />
      <p>
        Each month the run pays every member whose available balance reaches the threshold, unless they hold their payouts.
        Running it now is safe: a payout already sent is never sent twice.
      </p>
      <Button loading={run.isPending} loadingText="Running…" onClick={() => run.mutate()}>
        Run payouts now
      </Button>
      {run.isSuccess && <Alert tone="success">The payout run has started; the list below shows its payouts.</Alert>}
      {run.isError && <Alert title="The run could not start">{run.error.message}</Alert>}

      {payouts.isPending && <Spinner label="Loading payouts…" />}
      {payouts.isError && <Alert title="Could not load payouts">{payouts.error.message}</Alert>}
      {payouts.data && (
        <>
          {payouts.data.runs && payouts.data.runs.length > 0 && (
            <section aria-labelledby="runs-title">
              <h2 id="runs-title">Runs</h2>
              <div className="table-scroll">
                <table className="table">
                  <caption className="visually-hidden">Payout runs, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Period</th>
                      <th scope="col">Started</th>
                      <th scope="col">Finished</th>
                      <th scope="col" className="num">
                        Payouts
                      </th>
                      <th scope="col" className="num">
                        Paid
                      </th>
                      <th scope="col" className="num">
                        Failed
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {payouts.data.runs.map((r) => (
                      <tr key={r.id}>
                        <td>{r.period}</td>
                        <td>{new Date(r.startedAt).toLocaleString()}</td>
                        <td>{r.finishedAt ? new Date(r.finishedAt).toLocaleString() : 'Running'}</td>
                        <td className="num">{r.created}</td>
                        <td className="num">{r.paid}</td>
                        <td className="num">{r.failed}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          <section aria-labelledby="failures-title">
            <h2 id="failures-title">Failures</h2>
            {failed.length === 0 ? <p className="empty">No failed payouts.</p> : <PayoutTable items={failed} caption="Failed payouts" />}
          </section>
          <section aria-labelledby="all-title">
            <h2 id="all-title">All payouts</h2>
            {items.length === 0 ? <p className="empty">No payouts yet.</p> : <PayoutTable items={items} caption="All payouts, newest first" />}
          </section>
        </>
      )}
    </div>
  );
}

function PayoutTable({ items, caption }: { items: readonly AdminPayout[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Member</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Attempts
            </th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <td>{formatDay(p.createdAt)}</td>
              <td>
                {p.displayName}
                <span className="muted"> · {p.period}</span>
              </td>
              <td className="num">{formatMoney(p.amount.amount, p.amount.currency)}</td>
              <td>
                <span className={`badge badge--${STATUS_BADGE[p.status] ?? 'processing'}`}>{p.status}</span>
              </td>
              <td className="num">{p.attempts}</td>
              <td>
                {p.lastError ?? ''}
                {p.nextAttemptAt && p.status !== 'paid' && <span className="muted"> Next attempt {new Date(p.nextAttemptAt).toLocaleString()}.</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
