import { Link } from 'react-router';
import type { Order } from '../api/types';
import { licenceText, money } from '../lib/describe';

/** An order's lines and totals, as on a receipt. */
export function OrderLines({ order, labelFor }: { order: Order; labelFor: (code: string) => string }) {
  return (
    <div className="table-scroll">
      <table className="table order-lines">
        <caption className="visually-hidden">Items in order {order.id}</caption>
        <thead>
          <tr>
            <th scope="col">Photo</th>
            <th scope="col">Licence</th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.id}>
              <td>
                <div className="order-lines__photo">
                  {line.thumbnail && (
                    <img src={line.thumbnail.url} width={line.thumbnail.width} height={line.thumbnail.height} alt="" loading="lazy" />
                  )}
                  <Link to={`/assets/${line.assetId}`}>{line.title?.trim() || 'Untitled photo'}</Link>
                </div>
              </td>
              <td>
                {line.upgradeOf && <span className="badge">Upgrade</span>} {licenceText(line, labelFor)}
                {line.editorialOnly && <span className="muted"> · Editorial use only</span>}
                {line.refunded.amount > 0 && <span className="badge badge--declined"> Refunded {money(line.refunded)}</span>}
                {line.licenseId && (
                  <>
                    {' · '}
                    <Link to={`/account/licenses#license-${line.licenseId}`}>
                      Licence<span className="visually-hidden"> for “{line.title?.trim() || 'Untitled photo'}”</span>
                    </Link>
                  </>
                )}
              </td>
              <td className="num">{money(line.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {order.amountRefunded.amount > 0 && (
            <tr>
              <th scope="row" colSpan={2}>
                Refunded
              </th>
              <td className="num">−{money(order.amountRefunded)}</td>
            </tr>
          )}
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="num">
              <strong>{money(order.total)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
