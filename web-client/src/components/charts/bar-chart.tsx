import { useRef } from 'react';
import { useElementWidth } from '@/lib/use-element-width';
import { ChartTable } from './chart-table';
import { isEmpty, scale, valueDomain } from './scale';
import './charts.css';

export type BarSeries = { key: string; label: string };
export type BarDatum = {
  key: string;
  /** Under the bar (short: "Nov"). */
  label: string;
  /** In the table and the summary ("November 2026"); `label` when absent. */
  longLabel?: string;
  values: Record<string, number>;
};

type BarChartProps = {
  title: string;
  data: readonly BarDatum[];
  /** One or more bars per point, side by side, in this order. */
  series: readonly BarSeries[];
  /** A series drawn as a line over the bars (e.g. the margin). */
  line?: BarSeries;
  format: (value: number) => string;
  /** Shown instead of the chart when there is nothing to draw. */
  emptyText: string;
  height?: number;
};

const AXIS_WIDTH = 64;
const LABEL_HEIGHT = 22;
const TOP = 8;

/**
 * Vertical bars, grouped by series, with an optional line: hand-rolled SVG sized to its container
 * (so the text stays legible on a phone). The SVG is one image whose label summarises it; the
 * figures themselves are in the table beneath.
 */
export function BarChart({ title, data, series, line, format, emptyText, height = 220 }: BarChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref, 640);
  const keys = [...series, ...(line ? [line] : [])];
  const all = data.flatMap((d) => keys.map((s) => d.values[s.key] ?? 0));
  const empty = data.length === 0 || isEmpty(all);

  const plotWidth = Math.max(10, width - AXIS_WIDTH);
  const plotHeight = height - TOP - LABEL_HEIGHT;
  const domain = valueDomain(all);
  const y = scale(domain, plotHeight);
  const zero = TOP + plotHeight - y(0);
  const slot = plotWidth / Math.max(1, data.length);
  const groupWidth = Math.min(slot * 0.75, 28 * series.length + 8);
  const barWidth = groupWidth / Math.max(1, series.length);
  // Short labels need ~36 px each; on a narrow screen every second (or third) one is shown, counted
  // back from the latest so the newest point is always labelled.
  const labelEvery = Math.max(1, Math.ceil(36 / slot));
  const centre = (i: number) => AXIS_WIDTH + slot * i + slot / 2;

  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      {empty ? (
        <p className="chart__empty">{emptyText}</p>
      ) : (
        <>
          {keys.length > 1 && (
            <ul className="chart__legend" aria-hidden="true">
              {series.map((s, i) => (
                <li key={s.key}>
                  <span className={`chart__swatch chart__tone-${i + 1}`} />
                  {s.label}
                </li>
              ))}
              {line && (
                <li>
                  <span className="chart__swatch chart__swatch--line" />
                  {line.label}
                </li>
              )}
            </ul>
          )}
          <div ref={ref} className="chart__canvas">
            <svg
              role="img"
              aria-label={summarise(title, data, keys, format)}
              width={width}
              height={height}
              viewBox={`0 0 ${width} ${height}`}
            >
              {domain.ticks.map((t) => {
                const ty = TOP + plotHeight - y(t);
                return (
                  <g key={t} className="chart__tick">
                    <line x1={AXIS_WIDTH} x2={width} y1={ty} y2={ty} className={t === 0 ? 'chart__zero' : 'chart__grid'} />
                    <text x={AXIS_WIDTH - 6} y={ty} dy="0.32em" textAnchor="end">
                      {format(t)}
                    </text>
                  </g>
                );
              })}
              {data.map((d, i) => (
                <g key={d.key}>
                  {series.map((s, j) => {
                    const value = d.values[s.key] ?? 0;
                    const top = TOP + plotHeight - y(Math.max(0, value));
                    const barHeight = Math.abs(y(value) - y(0));
                    return (
                      <rect
                        key={s.key}
                        className={`chart__bar chart__tone-${j + 1}`}
                        data-series={s.key}
                        data-value={value}
                        x={centre(i) - groupWidth / 2 + j * barWidth}
                        y={value >= 0 ? top : zero}
                        width={Math.max(1, barWidth - 2)}
                        height={barHeight}
                      >
                        <title>{`${d.longLabel ?? d.label}, ${s.label}: ${format(value)}`}</title>
                      </rect>
                    );
                  })}
                  {(data.length - 1 - i) % labelEvery === 0 && (
                    <text x={centre(i)} y={height - 6} textAnchor="middle" className="chart__label">
                      {d.label}
                    </text>
                  )}
                </g>
              ))}
              {line && data.length > 0 && (
                <g className="chart__line">
                  <polyline
                    fill="none"
                    points={data.map((d, i) => `${centre(i)},${TOP + plotHeight - y(d.values[line.key] ?? 0)}`).join(' ')}
                  />
                  {data.map((d, i) => (
                    <circle key={d.key} cx={centre(i)} cy={TOP + plotHeight - y(d.values[line.key] ?? 0)} r={3.5} />
                  ))}
                </g>
              )}
            </svg>
          </div>
          <ChartTable
            caption={title}
            rowHeader="Month"
            columns={keys}
            rows={data.map((d) => ({
              key: d.key,
              label: d.longLabel ?? d.label,
              cells: Object.fromEntries(keys.map((s) => [s.key, format(d.values[s.key] ?? 0)])),
            }))}
          />
        </>
      )}
    </figure>
  );
}

/** The image's accessible name: what it shows and its extremes; the table has every figure. */
function summarise(title: string, data: readonly BarDatum[], keys: readonly BarSeries[], format: (v: number) => string): string {
  const first = data[0];
  const last = data.at(-1);
  const span = first && last ? `, ${first.longLabel ?? first.label} to ${last.longLabel ?? last.label}` : '';
  const main = keys[0];
  if (!main) return title;
  let best = data[0];
  for (const d of data) if ((d.values[main.key] ?? 0) > (best?.values[main.key] ?? 0)) best = d;
  const highest = best ? `; highest ${main.label.toLowerCase()} ${format(best.values[main.key] ?? 0)} in ${best.longLabel ?? best.label}` : '';
  return `Bar chart: ${title}${span}${highest}. The figures are in the table below.`;
}
