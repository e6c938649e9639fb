import { useId, useState, type ReactNode } from 'react';

export type ChartColumn = { key: string; label: string };
export type ChartRow = { key: string; label: string; cells: Record<string, ReactNode> };

/**
 * The chart's figures as a table. It is always in the document for screen readers (the SVG is one
 * image with a summary); the button shows it to everyone else too, which also helps on a phone.
 */
export function ChartTable({
  caption,
  rowHeader,
  columns,
  rows,
}: {
  caption: string;
  rowHeader: string;
  columns: readonly ChartColumn[];
  rows: readonly ChartRow[];
}) {
  const [shown, setShown] = useState(false);
  const id = useId();
  return (
    <div className="chart__table">
      <button
        type="button"
        className="chart__toggle"
        aria-expanded={shown}
        aria-controls={id}
        onClick={() => setShown((s) => !s)}
      >
        {shown ? 'Hide the table' : 'Show as a table'}
      </button>
      <div id={id} className={shown ? 'table-scroll' : 'visually-hidden'}>
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {columns.map((c) => (
                <th key={c.key} scope="col" className="num">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {columns.map((c) => (
                  <td key={c.key} className="num">
                    {row.cells[c.key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
