import { Link, useParams } from 'react-router';
import { AccountNav } from '@/components/account-nav';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { formatMonth } from '@/lib/format-month';
import { statementCsvUrl, useMyStatement } from '../api/get-my-statement';
import type { Statement } from '../api/types';
import { EarningsLines } from '../components/earnings-lines';
import { isMonth, money } from '../lib';
import '../earnings.css';

/** `/account/statements/:month`: the month's statement, laid out to print (or save as PDF) on its own. */
export function StatementPage() {
  const { month } = useParams();
  if (!isMonth(month)) {
    return (
      <div className="money-page">
        <PageHeading title="Statement not found">Statement not found</PageHeading>
        <p>
          Statements are named by month, like <code>2026-11</code>. <Link to="/account/statements">All your statements</Link>
        </p>
      </div>
    );
  }
  return <Statement month={month} />;
}

function Statement({ month }: { month: string }) {
  const statement = useMyStatement(month);
  const title = `Statement for ${formatMonth(month)}`;
  return (
    <div className="money-page statement">
      <PageHeading title={title}>{title}</PageHeading>
      <div className="no-print">
        <AccountNav />
      </div>
      <div className="statement__actions">
        <Link to="/account/statements">All statements</Link>
        <a href={statementCsvUrl(month)} download>
          Download CSV
        </a>
        <Button variant="secondary" onClick={() => window.print()}>
          Print
        </Button>
      </div>
      {statement.isPending && <Spinner label="Loading the statement…" />}
      {statement.isError && <Alert title="Could not load this statement">{statement.error.message}</Alert>}
      {statement.data && <StatementBody statement={statement.data} />}
    </div>
  );
}

function StatementBody({ statement }: { statement: Statement }) {
  // Signs as the server sends them, from the member's side: refunds and payouts are negative.
  const rows: [string, Statement['opening']][] = [
    ['Opening balance', statement.opening],
    ['Royalties from sales', statement.salesTotal],
    ['Refunds', statement.refunds],
    ['Payouts', statement.payouts],
  ];
  if (statement.adjustments.amount !== 0) rows.push(['Adjustments (transfer reversals, corrections)', statement.adjustments]);

  return (
    <>
      <table className="table statement__totals">
        <caption className="visually-hidden">Balance movement in the month</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{money(value)}</td>
            </tr>
          ))}
          <tr className="statement__closing">
            <th scope="row">Closing balance</th>
            <td className="num">{money(statement.closing)}</td>
          </tr>
        </tbody>
      </table>

      <section aria-labelledby="statement-sales">
        <h2 id="statement-sales">Sales</h2>
        {statement.sales.length === 0 ? (
          <p className="empty">No sales this month.</p>
        ) : (
          <EarningsLines lines={statement.sales} caption="Sales this month" />
        )}
      </section>

      {statement.refundLines.length > 0 && (
        <section aria-labelledby="statement-refunds">
          <h2 id="statement-refunds">Refunds</h2>
          <EarningsLines lines={statement.refundLines} caption="Refunds this month" />
        </section>
      )}
    </>
  );
}
