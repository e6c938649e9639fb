import { Link } from 'react-router';
import { AccountNav } from '@/components/account-nav';
import { BarChart } from '@/components/charts/bar-chart';
import { HorizontalBarChart } from '@/components/charts/horizontal-bar-chart';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { formatMoney, formatMoneyCompact } from '@/lib/format-money';
import { formatMonth, formatMonthShort } from '@/lib/format-month';
import { useMyEarnings } from '../api/get-my-earnings';
import type { Earnings } from '../api/types';
import { BalanceCards } from '../components/balance-cards';
import { EarningsLines } from '../components/earnings-lines';
import { lastMonths, pendingAvailableOn } from '../lib';
import '../earnings.css';

/** `/account/earnings`: a contributor's balances, the last year by month and by photo, and every royalty line. */
export function EarningsPage() {
  const earnings = useMyEarnings();
  const first = earnings.data?.pages[0];
  const lines = earnings.data?.pages.flatMap((p) => p.lines) ?? [];

  return (
    <div className="money-page">
      <PageHeading title="Your earnings">Your earnings</PageHeading>
      <AccountNav />
      {earnings.isPending && <Spinner label="Loading your earnings…" />}
      {earnings.isError && <Alert title="Could not load your earnings">{earnings.error.message}</Alert>}
      {first && (
        <>
          <BalanceCards balance={first.balance} availableOn={availableOn(first, lines)} />
          <p className="muted">
            <Link to="/account/statements">Monthly statements</Link> · <Link to="/account/payouts">Payouts and bank account</Link>
          </p>
          <div className="chart-pair">
            <MonthChart earnings={first} />
            <HorizontalBarChart
              title="Royalties by photo this year (top 20)"
              data={first.byAsset.slice(0, 20).map((a) => ({
                key: a.assetId,
                label: a.title || 'Untitled photo',
                value: a.royalty.amount,
                extra: { sales: a.sales },
              }))}
              valueLabel="Royalties"
              rowHeader="Photo"
              extraColumns={[{ key: 'sales', label: 'Sales' }]}
              format={(v) => formatMoney(v, first.currency)}
              emptyText="No sales this year yet."
            />
          </div>

          <section aria-labelledby="lines-title">
            <h2 id="lines-title">Royalty lines</h2>
            {lines.length === 0 ? (
              <p className="empty">
                No sales yet. When a buyer licenses one of your photos, the sale and your royalty appear here.
              </p>
            ) : (
              <>
                <EarningsLines lines={lines} caption="Your royalty lines, newest first" />
                {earnings.hasNextPage && (
                  <div className="load-more">
                    <Button
                      variant="secondary"
                      loading={earnings.isFetchingNextPage}
                      loadingText="Loading…"
                      onClick={() => void earnings.fetchNextPage()}
                    >
                      Load more
                    </Button>
                  </div>
                )}
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}

/** The contract has no release date for pending royalties: estimated from the loaded lines and the default hold. */
function availableOn(earnings: Earnings, lines: Earnings['lines']): Date | null {
  return earnings.balance.pending.amount > 0 ? pendingAvailableOn(lines, new Date()) : null;
}

function MonthChart({ earnings }: { earnings: Earnings }) {
  const byMonth = new Map(earnings.byMonth.map((m) => [m.month, m]));
  const data = lastMonths(new Date()).map((month) => {
    const m = byMonth.get(month);
    return {
      key: month,
      label: formatMonthShort(month),
      longLabel: formatMonth(month),
      values: { royalty: m?.royalty.amount ?? 0, refunds: -Math.abs(m?.refunds.amount ?? 0) || 0 },
    };
  });
  return (
    <BarChart
      title="Royalties by month, last 12 months"
      data={data}
      series={[
        { key: 'royalty', label: 'Royalties' },
        { key: 'refunds', label: 'Refunds' },
      ]}
      format={(v) => formatMoneyCompact(v, earnings.currency)}
      emptyText="No royalties in the last 12 months yet."
    />
  );
}
