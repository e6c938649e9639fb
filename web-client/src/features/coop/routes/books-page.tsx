import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { BarChart } from '@/components/charts/bar-chart';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { formatMoney, formatMoneyCompact } from '@/lib/format-money';
import { formatDay, formatMonth, formatMonthShort } from '@/lib/format-month';
import { booksCsvUrl, useBooks } from '../api/get-books';
import { useExpenses } from '../api/list-expenses';
import { amountOf, type Books, type BooksMonth } from '../api/types';
import '../coop.css';

/** The co-op started trading in 2026; the picker offers every year since. */
const FIRST_YEAR = 2026;

const COLUMNS: { key: keyof Omit<BooksMonth, 'month'>; label: string }[] = [
  { key: 'revenue', label: 'Revenue' },
  { key: 'refunds', label: 'Refunds' },
  { key: 'royalties', label: 'Royalties' },
  { key: 'fees', label: 'Payment fees' },
  { key: 'operatingCosts', label: 'Operating costs' },
  { key: 'margin', label: 'Margin' },
  { key: 'payouts', label: 'Paid out' },
];

export function yearsToPick(now: Date): number[] {
  const years: number[] = [];
  for (let y = now.getUTCFullYear(); y >= Math.min(FIRST_YEAR, now.getUTCFullYear()); y--) years.push(y);
  return years;
}

/** `/coop/books` (members): the co-op's open books for a year — chart, monthly table with totals, CSV, expenses. */
export function BooksPage() {
  const [params, setParams] = useSearchParams();
  const years = yearsToPick(new Date());
  const requested = Number(params.get('year'));
  const year = years.includes(requested) ? requested : years[0]!;
  const books = useBooks(year);
  const pickerId = useId();

  return (
    <div className="coop-page">
      <PageHeading title="The co-op's books">The co-op&apos;s books</PageHeading>
      <p className="lede">
        Every member can see where the money goes: what buyers paid, what went to photographers, what the co-op spent and what
        is left.
      </p>
      <div className="books__toolbar">
        <label htmlFor={pickerId}>Year</label>
        <select
          id={pickerId}
          className="field__input books__year"
          value={year}
          onChange={(event) => setParams({ year: event.target.value }, { replace: true })}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <a href={booksCsvUrl(year)} download>
          Download {year} as CSV
        </a>
      </div>
      {books.isPending && <Spinner label="Loading the books…" />}
      {books.isError && <Alert title="Could not load the books">{books.error.message}</Alert>}
      {books.data && <BooksBody books={books.data} year={year} />}
      <ExpensesSection year={year} />
    </div>
  );
}

function BooksBody({ books, year }: { books: Books; year: number }) {
  const m = (v: number) => formatMoney(v, books.currency);
  const months = [...books.months].sort((a, b) => a.month.localeCompare(b.month));
  return (
    <>
      <BarChart
        title={`Revenue, royalties and costs by month, ${year}`}
        data={months.map((row) => ({
          key: row.month,
          label: formatMonthShort(row.month),
          longLabel: formatMonth(row.month),
          values: {
            revenue: amountOf(row.revenue),
            royalties: amountOf(row.royalties),
            costs: amountOf(row.operatingCosts) + amountOf(row.fees),
            margin: amountOf(row.margin),
          },
        }))}
        series={[
          { key: 'revenue', label: 'Revenue' },
          { key: 'royalties', label: 'Royalties' },
          { key: 'costs', label: 'Costs and fees' },
        ]}
        line={{ key: 'margin', label: 'Margin' }}
        format={(v) => formatMoneyCompact(v, books.currency)}
        emptyText={`No activity recorded in ${year} yet.`}
        height={260}
      />
      <section aria-labelledby="books-table">
        <h2 id="books-table">By month</h2>
        <div className="table-scroll">
          <table className="table books__table">
            <caption className="visually-hidden">The co-op&apos;s books by month for {year}, with totals</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                {COLUMNS.map((c) => (
                  <th key={c.key} scope="col" className="num">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {months.map((row) => (
                <tr key={row.month}>
                  <th scope="row">{formatMonth(row.month)}</th>
                  {COLUMNS.map((c) => (
                    <td key={c.key} className={`num${amountOf(row[c.key]) < 0 ? ' num--negative' : ''}`}>
                      {m(amountOf(row[c.key]))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                {COLUMNS.map((c) => (
                  <td key={c.key} className="num">
                    {m(amountOf(books.totals[c.key]))}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="muted">
          Margin is revenue less refunds, royalties, payment fees and operating costs. &ldquo;Paid out&rdquo; is money sent to
          photographers&apos; bank accounts that month, from royalties earned then or earlier.
        </p>
      </section>
    </>
  );
}

function ExpensesSection({ year }: { year: number }) {
  const expenses = useExpenses(year);
  return (
    <section aria-labelledby="expenses-title">
      <h2 id="expenses-title">Operating expenses in {year}</h2>
      {expenses.isPending && <Spinner label="Loading the expenses…" />}
      {expenses.isError && <Alert title="Could not load the expenses">{expenses.error.message}</Alert>}
      {expenses.data?.length === 0 && <p className="empty">No expenses recorded in {year}.</p>}
      {expenses.data && expenses.data.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Operating expenses in {year}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Category</th>
                <th scope="col">Description</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Receipt</th>
              </tr>
            </thead>
            <tbody>
              {expenses.data.map((e) => (
                <tr key={e.id}>
                  <td>{formatDay(e.occurredOn)}</td>
                  <td>{e.category}</td>
                  <td>{e.description}</td>
                  <td className="num">{formatMoney(e.amount.amount, e.amount.currency)}</td>
                  <td>
                    {e.receipt?.url ? (
                      <a href={e.receipt.url} target="_blank" rel="noreferrer">
                        Receipt{' '}<span className="visually-hidden">for {e.description} (opens in a new tab)</span>
                      </a>
                    ) : (
                      <span className="muted">None</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
