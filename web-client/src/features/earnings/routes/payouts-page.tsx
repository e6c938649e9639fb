import { useId } from 'react';
import { AccountNav } from '@/components/account-nav';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { formatDay } from '@/lib/format-month';
import { useConnectPayouts } from '../api/connect-payouts';
import { useMyPayouts } from '../api/get-my-payouts';
import { useSetPayoutHold } from '../api/set-payout-hold';
import type { PayoutItem, Payouts } from '../api/types';
import { money } from '../lib';
import '../earnings.css';

const STATUS_TEXT: Record<string, string> = { pending: 'Pending', sent: 'Sent', paid: 'Paid', failed: 'Failed' };
const STATUS_BADGE: Record<string, string> = { pending: 'processing', sent: 'inReview', paid: 'published', failed: 'failed' };

/** `/account/payouts`: where royalties go (a Stripe Express account), holding them, and every payout so far. */
export function PayoutsPage({ navigate }: { navigate?: (url: string) => void }) {
  const payouts = useMyPayouts();
  return (
    <div className="money-page">
      <PageHeading title="Payouts">Payouts</PageHeading>
      <AccountNav />
      {payouts.isPending && <Spinner label="Loading your payouts…" />}
      {payouts.isError && <Alert title="Could not load your payouts">{payouts.error.message}</Alert>}
      {payouts.data && (
        <>
          <AccountSection payouts={payouts.data} navigate={navigate} />
          <ScheduleSection payouts={payouts.data} />
          <HistorySection items={payouts.data.items} />
        </>
      )}
    </div>
  );
}

function AccountSection({ payouts, navigate }: { payouts: Payouts; navigate?: ((url: string) => void) | undefined }) {
  const connect = useConnectPayouts(navigate);
  const { status } = payouts.account;
  return (
    <section aria-labelledby="payout-account" className="card">
      <h2 id="payout-account">Where your royalties go</h2>
      {status === 'enabled' ? (
        <p className="payout-status">
          <span className="badge badge--published">Connected</span> Your Stripe account is ready: payouts are sent to it.
        </p>
      ) : status === 'onboarding' ? (
        <p className="payout-status">
          <span className="badge badge--sentBack">Not finished</span> Stripe still needs some details before it can pay you.
        </p>
      ) : (
        <p>Connect a Stripe account to receive your royalties in your bank account. Stripe checks your identity; the co-op never sees your bank details.</p>
      )}
      {status !== 'enabled' && (
        <Button loading={connect.isPending} loadingText="Opening Stripe…" onClick={() => connect.mutate()}>
          {status === 'onboarding' ? 'Finish setting up with Stripe' : 'Connect with Stripe'}
        </Button>
      )}
      {status === 'enabled' && (
        <Button variant="secondary" loading={connect.isPending} loadingText="Opening Stripe…" onClick={() => connect.mutate()}>
          Update your details with Stripe
        </Button>
      )}
      {connect.isError && <Alert title="Could not open Stripe">{connect.error.message}</Alert>}
    </section>
  );
}

function ScheduleSection({ payouts }: { payouts: Payouts }) {
  const hold = useSetPayoutHold();
  const id = useId();
  const held = hold.isPending ? hold.variables : payouts.account.holdPayouts;
  return (
    <section aria-labelledby="payout-schedule">
      <h2 id="payout-schedule">Schedule</h2>
      <p>
        Available royalties of {money(payouts.threshold)} or more are paid in the monthly run
        {payouts.nextRunAt ? (
          <>
            ; the next one is on <strong>{formatDay(payouts.nextRunAt)}</strong>
          </>
        ) : null}
        . Smaller balances roll over to the next month.
      </p>
      <div className="toggle">
        <input
          id={id}
          type="checkbox"
          checked={held}
          aria-describedby={`${id}-hint`}
          onChange={(event) => hold.mutate(event.target.checked)}
          disabled={hold.isPending}
        />
        <div>
          <label htmlFor={id}>
            <strong>Hold my payouts</strong>
          </label>
          <p id={`${id}-hint`} className="muted">
            Your balance stays with the co-op until you release it, for example while you change banks.
          </p>
        </div>
      </div>
      {hold.isError && <Alert title="Could not change the hold">{hold.error.message}</Alert>}
      {hold.isSuccess && (
        <Alert tone="success">{hold.variables ? 'Payouts are held until you release them.' : 'Payouts are released.'}</Alert>
      )}
    </section>
  );
}

function HistorySection({ items }: { items: readonly PayoutItem[] }) {
  return (
    <section aria-labelledby="payout-history">
      <h2 id="payout-history">History</h2>
      {items.length === 0 ? (
        <p className="empty">No payouts yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Payouts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Status</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>{formatDay(p.createdAt)}</td>
                  <td className="num">{money(p.amount)}</td>
                  <td>
                    <span className={`badge badge--${STATUS_BADGE[p.status] ?? 'processing'}`}>{STATUS_TEXT[p.status] ?? p.status}</span>
                  </td>
                  <td>
                    {p.status === 'failed' ? (
                      <span className="failure-reason">
                        {explainFailure(p.failureReason)} The amount is back in your available balance and is retried in the next run.
                      </span>
                    ) : p.attempts > 1 ? (
                      `${p.attempts} attempts`
                    ) : null}
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

/** Stripe's failure codes in words a member can act on; unknown reasons are shown as they came. */
export function explainFailure(reason: string | null | undefined): string {
  const known: Record<string, string> = {
    account_closed: 'Your bank account is closed: add a new one with Stripe.',
    account_frozen: 'Your bank account is frozen: contact your bank or add another account with Stripe.',
    no_account: 'The bank account could not be found: check your details with Stripe.',
    invalid_account_number: 'The account number was refused: check your details with Stripe.',
    insufficient_funds: 'The co-op’s Stripe balance was too low at the time.',
    payouts_not_allowed: 'Stripe cannot pay this account yet: finish setting it up with Stripe.',
    transfers_not_allowed: 'Stripe cannot pay this account yet: finish setting it up with Stripe.',
  };
  if (!reason) return 'The payout failed.';
  const text = known[reason] ?? reason;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
