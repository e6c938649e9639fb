import { Link } from 'react-router';
import { AccountNav } from '@/components/account-nav';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useMyPatronage } from '../api/get-my-patronage';
import { money } from '../lib';
import '../earnings.css';

const CLASS_NAMES: Record<string, string> = { contributor: 'Contributor', worker: 'Worker', founder: 'Founder' };

/** `/account/patronage` (members): this year's estimated share of the surplus, and past notices of allocation. */
export function PatronagePage() {
  const patronage = useMyPatronage();
  return (
    <div className="money-page">
      <PageHeading title="Patronage">Your patronage dividend</PageHeading>
      <AccountNav />
      {patronage.isPending && <Spinner label="Loading your patronage…" />}
      {patronage.isError && <Alert title="Could not load your patronage">{patronage.error.message}</Alert>}
      {patronage.data && (
        <>
          <section aria-labelledby="estimate-title" className="card">
            <h2 id="estimate-title">Estimate for {patronage.data.year}</h2>
            <p className="stat-card__big">{money(patronage.data.estimate)}</p>
            {patronage.data.estimateBasis.explanation && <p>{patronage.data.estimateBasis.explanation}</p>}
            <p>
              At the end of the year the members decide how much of the co-op&apos;s surplus goes back to them as patronage. It is
              shared by the published formula: by default 90% to contributor members in proportion to their royalties that
              year, 5% to workers by years of service and 5% to founders equally. At least 20% of each allocation is paid in
              cash; the rest is retained in your capital account.
            </p>
            <p className="muted">
              This estimate applies the formula to the co-op&apos;s results and your royalties so far this year. It changes as
              the year goes on and is not a promise: the pool is set by the members&apos; vote. The{' '}
              <Link to="/coop/books">co-op&apos;s books</Link> show the figures behind it.
            </p>
          </section>

          <section aria-labelledby="notices-title">
            <h2 id="notices-title">Notices of allocation</h2>
            {patronage.data.notices.length === 0 ? (
              <p className="empty">No allocations yet: the first notice is issued after the year closes.</p>
            ) : (
              <div className="table-scroll">
                <table className="table">
                  <caption className="visually-hidden">Notices of allocation by year</caption>
                  <thead>
                    <tr>
                      <th scope="col">Year</th>
                      <th scope="col">As</th>
                      <th scope="col" className="num">
                        Total
                      </th>
                      <th scope="col" className="num">
                        Paid in cash
                      </th>
                      <th scope="col" className="num">
                        Retained
                      </th>
                      <th scope="col">Basis</th>
                      <th scope="col">Notice</th>
                    </tr>
                  </thead>
                  <tbody>
                    {patronage.data.notices.map((n) => (
                      <tr key={n.year}>
                        <th scope="row">{n.year}</th>
                        <td>{CLASS_NAMES[n.class] ?? n.class}</td>
                        <td className="num">{money(n.total)}</td>
                        <td className="num">{money(n.cash)}</td>
                        <td className="num">{money(n.retained)}</td>
                        <td>{n.basis}</td>
                        <td>
                          <a href={n.noticeUrl} target="_blank" rel="noreferrer">
                            Notice{' '}<span className="visually-hidden">of allocation for {n.year} (opens in a new tab)</span>
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
