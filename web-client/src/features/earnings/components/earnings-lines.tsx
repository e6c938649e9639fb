import { Link } from 'react-router';
import { formatMoney } from '@/lib/format-money';
import { formatBasisPoints, formatDay } from '@/lib/format-month';
import type { EarningsLine } from '../api/types';
import { describeLicence, signed } from '../lib';

/** One row per sale or refund: what was sold, for how much, at what rate and share, and the royalty. */
export function EarningsLines({ lines, caption }: { lines: readonly EarningsLine[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="table earnings-lines">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Photo</th>
            <th scope="col">Licence</th>
            <th scope="col" className="num">
              Gross
            </th>
            <th scope="col" className="num">
              Rate
            </th>
            <th scope="col" className="num">
              Your share
            </th>
            <th scope="col" className="num">
              Royalty
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const royalty = signed(line, line.royalty);
            return (
              <tr key={`${line.journalId}:${line.assetId}`} className={line.kind === 'refund' ? 'earnings-lines__refund' : undefined}>
                <td>{formatDay(line.occurredAt)}</td>
                <td>
                  {line.assetId ? <Link to={`/assets/${line.assetId}`}>{line.assetTitle || 'Untitled photo'}</Link> : (line.assetTitle ?? '—')}
                  {line.kind === 'refund' && <span className="badge badge--failed earnings-lines__kind">Refund</span>}
                </td>
                <td>{describeLicence(line.licence)}</td>
                <td className="num">{formatMoney(signed(line, line.gross), line.gross.currency)}</td>
                <td className="num">{line.rateBp == null ? '—' : formatBasisPoints(line.rateBp)}</td>
                <td className="num">{line.shareBp == null ? '—' : formatBasisPoints(line.shareBp)}</td>
                <td className="num">
                  <strong>{formatMoney(royalty, line.royalty.currency)}</strong>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
