import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '@/lib/format-money';
import { BarChart } from './bar-chart';
import { HorizontalBarChart } from './horizontal-bar-chart';

const usd = (v: number) => formatMoney(v, 'USD', 'en-US');

const months = [
  { key: '2026-09', label: 'Sep', longLabel: 'September 2026', values: { royalty: 1000, refunds: 0 } },
  { key: '2026-10', label: 'Oct', longLabel: 'October 2026', values: { royalty: 2500, refunds: -500 } },
  { key: '2026-11', label: 'Nov', longLabel: 'November 2026', values: { royalty: 5000, refunds: 0 } },
];

const series = [
  { key: 'royalty', label: 'Royalties' },
  { key: 'refunds', label: 'Refunds' },
];

function bars(container: HTMLElement, seriesKey: string) {
  return [...container.querySelectorAll<SVGRectElement>(`rect.chart__bar[data-series="${seriesKey}"]`)];
}

describe('BarChart', () => {
  it('draws bars whose heights are proportional to the values', () => {
    const { container } = render(<BarChart title="Royalties by month" data={months} series={series} format={usd} emptyText="None" />);
    const heights = bars(container, 'royalty').map((r) => Number(r.getAttribute('height')));
    expect(heights).toHaveLength(3);
    expect(heights[1]! / heights[0]!).toBeCloseTo(2.5, 5);
    expect(heights[2]! / heights[0]!).toBeCloseTo(5, 5);
  });

  it('draws negative values below the zero line, as long as their size says', () => {
    const { container } = render(<BarChart title="Royalties by month" data={months} series={series} format={usd} emptyText="None" />);
    const royalty = bars(container, 'royalty')[0]!;
    const refund = bars(container, 'refunds')[1]!;
    const zero = Number(royalty.getAttribute('y')) + Number(royalty.getAttribute('height'));
    expect(Number(refund.getAttribute('y'))).toBeCloseTo(zero, 5);
    expect(Number(refund.getAttribute('height')) / Number(royalty.getAttribute('height'))).toBeCloseTo(0.5, 5);
  });

  it('is one image with a summary, and its figures are in a table', async () => {
    render(<BarChart title="Royalties by month" data={months} series={series} format={usd} emptyText="None" />);
    const image = screen.getByRole('img');
    expect(image).toHaveAccessibleName(/Royalties by month, September 2026 to November 2026; highest royalties \$50\.00 in November 2026/);

    const table = screen.getByRole('table', { name: 'Royalties by month' });
    const october = within(table).getByRole('row', { name: /October 2026/ });
    expect(within(october).getByText('$25.00')).toBeInTheDocument();
    expect(within(october).getByText('-$5.00')).toBeInTheDocument();

    // Hidden visually until asked for, but always there for screen readers.
    expect(table.parentElement).toHaveClass('visually-hidden');
    const toggle = screen.getByRole('button', { name: 'Show as a table' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Hide the table' })).toHaveAttribute('aria-expanded', 'true');
    expect(table.parentElement).not.toHaveClass('visually-hidden');
  });

  it('says so instead of drawing an empty chart', () => {
    render(
      <BarChart
        title="Royalties by month"
        data={months.map((m) => ({ ...m, values: { royalty: 0, refunds: 0 } }))}
        series={series}
        format={usd}
        emptyText="No royalties in the last 12 months yet."
      />,
    );
    expect(screen.getByText('No royalties in the last 12 months yet.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('draws a line series over the bars and lists it in the legend and table', () => {
    const { container } = render(
      <BarChart
        title="Books"
        data={months.map((m) => ({ ...m, values: { ...m.values, margin: m.values.royalty / 2 } }))}
        series={series}
        line={{ key: 'margin', label: 'Margin' }}
        format={usd}
        emptyText="None"
      />,
    );
    expect(container.querySelectorAll('.chart__line circle')).toHaveLength(3);
    expect(screen.getByRole('columnheader', { name: 'Margin' })).toBeInTheDocument();
  });
});

describe('HorizontalBarChart', () => {
  const assets = [
    { key: 'a', label: 'Harbour lights at dusk', value: 4000, extra: { sales: 4 } },
    { key: 'b', label: 'Meadow path at golden hour', value: 1000, extra: { sales: 1 } },
  ];

  it('draws bars proportional to the values, named in the image and the table', () => {
    const { container } = render(
      <HorizontalBarChart
        title="Royalties by photo"
        data={assets}
        valueLabel="Royalties"
        rowHeader="Photo"
        extraColumns={[{ key: 'sales', label: 'Sales' }]}
        format={usd}
        emptyText="None"
      />,
    );
    const widths = [...container.querySelectorAll('rect.chart__bar')].map((r) => Number(r.getAttribute('width')));
    expect(widths[0]! / widths[1]!).toBeCloseTo(4, 5);
    expect(screen.getByRole('img')).toHaveAccessibleName(/Royalties by photo; 2 items, highest Harbour lights at dusk with \$40\.00/);
    const row = screen.getByRole('row', { name: /Meadow path at golden hour/ });
    expect(within(row).getByText('$10.00')).toBeInTheDocument();
    expect(within(row).getByText('1')).toBeInTheDocument();
  });

  it('shows the empty text when there is nothing', () => {
    render(<HorizontalBarChart title="Royalties by photo" data={[]} valueLabel="Royalties" rowHeader="Photo" format={usd} emptyText="No sales this year yet." />);
    expect(screen.getByText('No sales this year yet.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });
});
