import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { BooksPage, yearsToPick } from './books-page';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const month = (m: string, revenue: number, royalties: number, costs: number) => ({
  month: m,
  revenue,
  refunds: 0,
  royalties,
  fees: 100,
  payouts: 0,
  operatingCosts: costs,
  margin: revenue - royalties - costs - 100,
});

describe('BooksPage', () => {
  it('shows the year as a chart, a monthly table with totals, a CSV link and the expenses with receipts', async () => {
    const year = new Date().getUTCFullYear();
    mockApi({
      'GET /api/v1/coop/books': () =>
        json({
          currency: 'USD',
          months: [month(`${year}-02`, 20000, 10000, 15000), month(`${year}-01`, 10000, 5000, 2000)],
          year,
          totals: { revenue: 30000, refunds: 0, royalties: 15000, fees: 200, payouts: 0, operatingCosts: 17000, margin: -2200 },
        }),
      'GET /api/v1/coop/expenses': () =>
        json({
          items: [
            { id: 'e1', category: 'hosting', amount: usd(15000), occurredOn: `${year}-02-03`, description: 'Servers for February',
              receipt: { name: 'feb.pdf', contentType: 'application/pdf', byteSize: 100, url: '/api/v1/coop/expenses/e1/receipt' }, journalId: 'j1', recordedAt: `${year}-02-03T10:00:00Z` },
          ],
        }),
    });
    renderWithProviders(<BooksPage />, { route: '/coop/books' });

    expect(await screen.findByRole('img', { name: new RegExp(`Revenue, royalties and costs by month, ${year}`) })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: `The co-op's books by month for ${year}, with totals` });
    const rows = within(table).getAllByRole('row');
    // Months in calendar order whatever order the server sent them in.
    expect(rows[1]).toHaveTextContent(`January ${year}`);
    expect(rows[2]).toHaveTextContent(`February ${year}`);
    const total = within(table).getByRole('row', { name: /Total/ });
    expect(total).toHaveTextContent('$300.00');
    expect(total).toHaveTextContent('-$22.00');
    expect(screen.getByRole('link', { name: `Download ${year} as CSV` })).toHaveAttribute('href', `/api/v1/coop/books.csv?year=${year}`);

    const expense = await screen.findByRole('row', { name: /Servers for February/ });
    expect(within(expense).getByRole('link', { name: /Receipt for Servers for February/ })).toHaveAttribute('href', '/api/v1/coop/expenses/e1/receipt');
  });

  it('asks for the year in the address, and says when it is empty', async () => {
    const year = new Date().getUTCFullYear();
    const empty = { currency: 'USD', year, months: [], totals: month('', 0, 0, 0) };
    const api = mockApi({ 'GET /api/v1/coop/books': () => json(empty), 'GET /api/v1/coop/expenses': () => json({ items: [] }) });
    renderWithProviders(<BooksPage />, { route: `/coop/books?year=${year}` });
    expect(await screen.findByText(`No activity recorded in ${year} yet.`)).toBeInTheDocument();
    expect(screen.getByText(`No expenses recorded in ${year}.`)).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Year' })).toHaveValue(String(year));
    expect(new URL(api.last('GET /api/v1/coop/books')!.url).searchParams.get('year')).toBe(String(year));
    expect(new URL(api.last('GET /api/v1/coop/expenses')!.url).searchParams.get('year')).toBe(String(year));
  });

  it('offers every year since the co-op started, newest first', () => {
    expect(yearsToPick(new Date('2028-03-01T00:00:00Z'))).toEqual([2028, 2027, 2026]);
    expect(yearsToPick(new Date('2026-01-01T00:00:00Z'))).toEqual([2026]);
  });
});
