import { Link, useNavigate, useParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useCompleteDemoPayment } from '../api/complete-demo-payment';
import { useExtendedLabels } from '../api/get-license-types';
import { useOrder } from '../api/get-order';
import { OrderLines } from '../components/order-lines';
import { money } from '../lib/describe';

/** The demo payment provider's "payment page": local runs and tests only, and it says so. */
export function DemoCheckoutPage() {
  const { orderId = '' } = useParams();
  const order = useOrder(orderId);
  const pay = useCompleteDemoPayment();
  const navigate = useNavigate();
  const labelFor = useExtendedLabels();

  return (
    <div className="demo-checkout">
      <PageHeading title="Demo checkout">Demo checkout — no money moves</PageHeading>
      <Alert tone="info" title="This is not a real payment">
        This server runs the demo payment provider for local runs and tests. Paying here issues the licences through the
        same path a real payment takes, but no card is asked for and nothing is charged.
      </Alert>
      {order.isPending && <Spinner label="Loading the order…" />}
      {order.isError && <Alert title="Could not load the order">{order.error.message}</Alert>}
      {order.data && (
        <section className="card" aria-labelledby="demo-summary">
          <h2 id="demo-summary">Order summary</h2>
          <OrderLines order={order.data} labelFor={labelFor} />
          {pay.isError && <Alert title="The payment did not go through">{pay.error.message}</Alert>}
          {order.data.status === 'pending' ? (
            <div className="actions">
              <Button
                loading={pay.isPending || pay.isSuccess}
                loadingText="Paying…"
                onClick={() =>
                  pay.mutate(orderId, { onSuccess: (paid) => void navigate(`/orders/${paid.id}`, { replace: true }) })
                }
              >
                Pay {money(order.data.total)}
              </Button>
              <Link to="/cart">Back to your cart</Link>
            </div>
          ) : (
            <p>
              This order is {order.data.status}. <Link to={`/orders/${order.data.id}`}>See the receipt</Link>
            </p>
          )}
        </section>
      )}
    </div>
  );
}
