import { formatDay } from '@/lib/format-month';
import type { Earnings } from '../api/types';
import { money } from '../lib';

/** The contributor's balances: what can be paid now, what is still in the chargeback hold, and so on. */
export function BalanceCards({ balance, availableOn }: { balance: Earnings['balance']; availableOn: Date | null }) {
  return (
    <dl className="stat-cards balance-cards">
      <div className="stat-card stat-card--main">
        <dt>Available</dt>
        <dd>{money(balance.available)}</dd>
        <dd className="stat-card__note">Paid out in the next monthly run when at or above the threshold.</dd>
      </div>
      <div className="stat-card">
        <dt>Pending</dt>
        <dd>{money(balance.pending)}</dd>
        {balance.pending.amount !== 0 && (
          <dd className="stat-card__note">
            {availableOn ? `First part available on ${formatDay(availableOn.toISOString())}` : 'In the chargeback hold'}
          </dd>
        )}
      </div>
      {balance.receivable.amount !== 0 && (
        <div className="stat-card stat-card--warn">
          <dt>Owed to the co-op</dt>
          <dd>{money(balance.receivable)}</dd>
          <dd className="stat-card__note">A refund after a payout; it is taken from your next royalties.</dd>
        </div>
      )}
      <div className="stat-card">
        <dt>Paid out</dt>
        <dd>{money(balance.paidOut)}</dd>
      </div>
      <div className="stat-card">
        <dt>Lifetime royalties</dt>
        <dd>{money(balance.lifetime)}</dd>
      </div>
    </dl>
  );
}
