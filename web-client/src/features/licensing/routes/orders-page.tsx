import { Link } from 'react-router';
import { AccountNav } from '@/components/account-nav';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useOrders } from '../api/list-orders';
import { formatDate, money, shortId, statusBadge, statusText } from '../lib/describe';

export function OrdersPage() {
  const orders = useOrders();
  return (
    <>
      <PageHeading title="Your orders">Your orders</PageHeading>
      <AccountNav />
      {orders.isPending && <Spinner label="Loading your orders…" />}
      {orders.isError && <Alert title="Could not load your orders">{orders.error.message}</Alert>}
      {orders.data?.length === 0 && (
        <p className="empty">
          No orders yet. <Link to="/search">Find photos to license</Link>
        </p>
      )}
      {orders.data && orders.data.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Your orders, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Date</th>
                <th scope="col">Photos</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {orders.data.map((order) => (
                <tr key={order.id}>
                  <td>
                    <Link to={`/orders/${order.id}`}>
                      <span className="visually-hidden">Receipt for order </span>
                      {shortId(order.id)}
                    </Link>
                  </td>
                  <td>{formatDate(order.paidAt ?? order.createdAt)}</td>
                  <td>{order.lines.length}</td>
                  <td>
                    <span className={statusBadge(order.status)}>{statusText(order.status)}</span>
                  </td>
                  <td className="num">{money(order.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
