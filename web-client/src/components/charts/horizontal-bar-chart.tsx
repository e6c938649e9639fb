import { useRef } from 'react';
import { useElementWidth } from '@/lib/use-element-width';
import { ChartTable } from './chart-table';
import { isEmpty, scale, valueDomain } from './scale';
import './charts.css';

export type HorizontalBarDatum = {
  key: string;
  label: string;
  value: number;
  /** Extra columns for the table (e.g. the number of sales). */
  extra?: Record<string, string | number>;
};

type HorizontalBarChartProps = {
  title: string;
  data: readonly HorizontalBarDatum[];
  valueLabel: string;
  rowHeader: string;
  extraColumns?: readonly { key: string; label: string }[];
  format: (value: number) => string;
  emptyText: string;
};

const ROW = 44;
const VALUE_WIDTH = 84;

/**
 * One bar per item, longest first, with its name above the bar so long photo titles fit on a phone.
 */
export function HorizontalBarChart({ title, data, valueLabel, rowHeader, extraColumns = [], format, emptyText }: HorizontalBarChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref, 640);
  const empty = data.length === 0 || isEmpty(data.map((d) => d.value));
  const barSpace = Math.max(10, width - VALUE_WIDTH);
  const domain = valueDomain(data.map((d) => d.value), 1);
  // Bars start at the left edge, or at zero when something is negative.
  const x = scale({ ...domain, max: Math.max(...data.map((d) => d.value), 0) || 1 }, barSpace);
  const height = data.length * ROW;
  // Roughly 7 px a character at 13 px: longer titles end in an ellipsis (the table has them whole).
  const maxChars = Math.max(8, Math.floor(width / 7));

  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      {empty ? (
        <p className="chart__empty">{emptyText}</p>
      ) : (
        <>
          <div ref={ref} className="chart__canvas">
            <svg
              role="img"
              aria-label={`Bar chart: ${title}; ${data.length} ${data.length === 1 ? 'item' : 'items'}, highest ${data[0]?.label} with ${format(
                Math.max(...data.map((d) => d.value)),
              )}. The figures are in the table below.`}
              width={width}
              height={height}
              viewBox={`0 0 ${width} ${height}`}
            >
              {data.map((d, i) => {
                const start = x(Math.min(0, d.value));
                const length = Math.abs(x(d.value) - x(0));
                const top = i * ROW;
                return (
                  <g key={d.key}>
                    <text x={0} y={top + 14} className="chart__label">
                      {d.label.length > maxChars ? `${d.label.slice(0, maxChars - 1)}…` : d.label}
                    </text>
                    <rect
                      className="chart__bar chart__tone-1"
                      data-value={d.value}
                      x={start}
                      y={top + 20}
                      width={length}
                      height={16}
                    >
                      <title>{`${d.label}: ${format(d.value)}`}</title>
                    </rect>
                    <text x={start + length + 6} y={top + 32} className="chart__value">
                      {format(d.value)}
                    </text>
                  </g>
                );
              })}
            </svg>
          </div>
          <ChartTable
            caption={title}
            rowHeader={rowHeader}
            columns={[{ key: 'value', label: valueLabel }, ...extraColumns]}
            rows={data.map((d) => ({
              key: d.key,
              label: d.label,
              cells: { value: format(d.value), ...(d.extra ?? {}) },
            }))}
          />
        </>
      )}
    </figure>
  );
}
