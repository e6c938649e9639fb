import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { AccountNav } from '@/components/account-nav';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { confirmOrder } from '../api/confirm-order';
import { useExtendedLabels } from '../api/get-license-types';
import { useOrder } from '../api/get-order';
import { cartKey, licensesKey, orderKey, ordersKey } from '../api/keys';
import { OrderLines } from '../components/order-lines';
import { formatDateTime, shortId, statusBadge, statusText } from '../lib/describe';

const POLL_MS = 2_000;
/** After this long without the payment confirmed, the buyer is told what is going on. */
export const SLOW_AFTER_MS = 20_000;

/**
 * The receipt. Coming back from the payment page (`?checkout=success`), it asks the server to check
 * with the provider and then polls until the order is paid: the redirect itself proves nothing.
 */
export function OrderPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const returning = params.get('checkout') === 'success';
  const queryClient = useQueryClient();
  const [slow, setSlow] = useState(false);
  const confirmed = useRef(false);

  const order = useOrder(id, (current) => (returning && current?.status === 'pending' ? POLL_MS : false));
  const waiting = returning && (order.isPending || order.data?.status === 'pending');
  const labelFor = useExtendedLabels();

  useEffect(() => {
    if (!returning || confirmed.current) return;
    confirmed.current = true;
    confirmOrder(id)
      .then((o) => queryClient.setQueryData(orderKey(id), o))
      // Not fatal: the webhook may still deliver the payment; polling shows it when it does.
      .catch(() => undefined);
  }, [id, returning, queryClient]);

  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [waiting]);

  const paid = order.data?.status === 'paid';
  useEffect(() => {
    if (!paid) return;
    void queryClient.invalidateQueries({ queryKey: ordersKey, exact: true });
    void queryClient.invalidateQueries({ queryKey: licensesKey });
    void queryClient.invalidateQueries({ queryKey: cartKey });
  }, [paid, queryClient]);

  return (
    <div className="order">
      <PageHeading title="Order">Order {shortId(id)}</PageHeading>
      <AccountNav />
      {order.isPending && <Spinner label="Loading the order…" />}
      {order.isError && <Alert title="Could not load the order">{order.error.message}</Alert>}
      {order.data && (
        <>
          {waiting && (
            <div className="order__waiting" role="status">
              <span className="spinner__circle" aria-hidden="true" />
              <p>
                Confirming your payment…
                {slow && (
                  <>
                    {' '}
                    This is taking longer than usual. Your payment is safe: the licences are issued as soon as the payment
                    provider confirms it, even if you leave this page. They will appear under{' '}
                    <Link to="/account/licenses">Licences</Link>.
                  </>
                )}
              </p>
            </div>
          )}
          {paid && returning && (
            <Alert tone="success" title="Payment received">
              Thank you. Your licences are ready: <Link to="/account/licenses">download the files and certificates</Link>.
            </Alert>
          )}
          <dl className="details details--compact order__facts">
            <div>
              <dt>Status</dt>
              <dd>
                <span className={statusBadge(order.data.status)}>{statusText(order.data.status)}</span>
              </dd>
            </div>
            <div>
              <dt>Order</dt>
              <dd>
                <code>{order.data.id}</code>
              </dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatDateTime(order.data.createdAt)}</dd>
            </div>
            {order.data.paidAt && (
              <div>
                <dt>Paid</dt>
                <dd>{formatDateTime(order.data.paidAt)}</dd>
              </div>
            )}
            {order.data.status === 'pending' && !returning && (
              <div>
                <dt>Pay before</dt>
                <dd>{formatDateTime(order.data.expiresAt)}</dd>
              </div>
            )}
          </dl>
          <OrderLines order={order.data} labelFor={labelFor} />
          {paid && (
            <p>
              <Link to="/account/licenses">Your licences</Link>
            </p>
          )}
        </>
      )}
    </div>
  );
}
