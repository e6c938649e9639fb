import { useHeadline } from '../api/get-headline';
import './headline.css';

/** Whole units: a headline figure, not a statement. */
function wholeMoney(amountMinor: number, currency: string): string {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 });
  const digits = new Intl.NumberFormat(undefined, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(Math.floor(amountMinor / 10 ** digits));
}

/**
 * "$X paid to photographers this year". The line's height is reserved before the figure arrives
 * (and kept when there is none), so the hero never shifts.
 */
export function Headline() {
  const headline = useHeadline();
  const data = headline.data;
  const show = !!data && data.royaltiesPaid.amount > 0;
  return (
    <p className="headline" aria-live="off">
      {show ? (
        <>
          <strong>{wholeMoney(data.royaltiesPaid.amount, data.royaltiesPaid.currency)}</strong> paid to photographers in{' '}
          {data.year}
          {data.contributors > 0 && (
            <span className="headline__count">
              {' '}
              · {data.contributors} {data.contributors === 1 ? 'photographer' : 'photographers'}
            </span>
          )}
        </>
      ) : (
        // Keeps the line box (and the hero's height) the same before and after the figure loads.
        <span aria-hidden="true">&nbsp;</span>
      )}
    </p>
  );
}
