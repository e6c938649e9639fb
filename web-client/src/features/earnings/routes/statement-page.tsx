import { Link, useParams } from 'react-router';
import { AccountNav } from '@/components/account-nav';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { formatMoney } from '@/lib/format-money';
import { formatMonth } from '@/lib/format-month';
import { statementCsvUrl, useMyStatement } from '../api/get-my-statement';
import type { EarningsLine, Statement } from '../api/types';
import { EarningsLines } from '../components/earnings-lines';
import { isMonth, money, movementTotal } from '../lib';
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
  const currency = statement.opening.currency;
  const sales = movementTotal(statement.sales);
  const refunds = -Math.abs(movementTotal(statement.refunds));
  const payouts = -Math.abs(movementTotal(statement.payouts));
  const refundLines = Array.isArray(statement.refunds) ? (statement.refunds as EarningsLine[]) : [];
  const payoutItems = Array.isArray(statement.payouts) ? statement.payouts : [];
  const m = (amount: number) => formatMoney(amount, currency);

  return (
    <>
      <table className="table statement__totals">
        <caption className="visually-hidden">Balance movement</caption>
        <tbody>
          <tr>
            <th scope="row">Opening balance</th>
            <td className="num">{money(statement.opening)}</td>
          </tr>
          <tr>
            <th scope="row">Royalties from sales</th>
            <td className="num">{m(sales)}</td>
          </tr>
          <tr>
            <th scope="row">Refunds</th>
            <td className="num">{m(refunds)}</td>
          </tr>
          <tr>
            <th scope="row">Payouts</th>
            <td className="num">{m(payouts)}</td>
          </tr>
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

      {refundLines.length > 0 && (
        <section aria-labelledby="statement-refunds">
          <h2 id="statement-refunds">Refunds</h2>
          <EarningsLines lines={refundLines.map((l) => ({ ...l, kind: 'refund' }))} caption="Refunds this month" />
        </section>
      )}

      {payoutItems.length > 0 && (
        <section aria-labelledby="statement-payouts">
          <h2 id="statement-payouts">Payouts</h2>
          <ul className="plain-list">
            {payoutItems.map((p, i) => (
              <li key={p.id ?? i}>
                {new Date(p.occurredAt).toLocaleDateString()}: {money(p.amount)}
                {p.status ? ` (${p.status})` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
