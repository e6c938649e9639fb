import { Link } from 'react-router';
import { AccountNav } from '@/components/account-nav';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { formatMonth } from '@/lib/format-month';
import { useMyStatements } from '../api/list-my-statements';
import { statementCsvUrl } from '../api/get-my-statement';
import { money } from '../lib';
import '../earnings.css';

/** `/account/statements`: one statement per month, newest first. */
export function StatementsPage() {
  const statements = useMyStatements();
  return (
    <div className="money-page">
      <PageHeading title="Your statements">Your statements</PageHeading>
      <AccountNav />
      <p className="lede">Each month&apos;s statement ties your balance to every sale, refund and payout in it.</p>
      {statements.isPending && <Spinner label="Loading your statements…" />}
      {statements.isError && <Alert title="Could not load your statements">{statements.error.message}</Alert>}
      {statements.data?.length === 0 && <p className="empty">No statements yet: the first one appears in the month of your first sale.</p>}
      {statements.data && statements.data.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Monthly statements, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="num">
                  Opening
                </th>
                <th scope="col" className="num">
                  Sales
                </th>
                <th scope="col" className="num">
                  Refunds
                </th>
                <th scope="col" className="num">
                  Payouts
                </th>
                <th scope="col" className="num">
                  Adjustments
                </th>
                <th scope="col" className="num">
                  Closing
                </th>
                <th scope="col">CSV</th>
              </tr>
            </thead>
            <tbody>
              {statements.data.map((s) => (
                <tr key={s.month}>
                  <th scope="row">
                    <Link to={`/account/statements/${s.month}`}>{formatMonth(s.month)}</Link>
                  </th>
                  <td className="num">{money(s.opening)}</td>
                  <td className="num">{money(s.sales)}</td>
                  <td className="num">{money(s.refunds)}</td>
                  <td className="num">{money(s.payouts)}</td>
                  <td className="num">{money(s.adjustments)}</td>
                  <td className="num">{money(s.closing)}</td>
                  <td>
                    <a href={statementCsvUrl(s.month)} download>
                      CSV{' '}<span className="visually-hidden">for {formatMonth(s.month)}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
