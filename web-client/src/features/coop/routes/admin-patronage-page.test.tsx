import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { AdminPatronagePage } from './admin-patronage-page';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const lastYear = new Date().getUTCFullYear() - 1;

const allocation = {
  year: lastYear,
  pool: usd(100000),
  decidedBy: 'General meeting',
  lines: [
    { userId: 'u1', displayName: 'Ana Okafor', class: 'contributor', basis: '60% of contributor royalties', total: usd(54000), cash: usd(10800), retained: usd(43200) },
    { userId: 'u2', displayName: 'Ben Lindqvist', class: 'contributor', basis: '40% of contributor royalties', total: usd(36000), cash: usd(7200), retained: usd(28800) },
    { userId: 'u3', displayName: 'Eli Editor', class: 'worker', basis: '1 year of service', total: usd(5000), cash: usd(1000), retained: usd(4000) },
    { userId: 'u4', displayName: 'Ada Admin', class: 'founder', basis: 'equal share', total: usd(5000), cash: usd(1000), retained: usd(4000) },
  ],
};

describe('AdminPatronagePage', () => {
  it('records last year’s pool once and shows its allocation', async () => {
    const api = mockApi({
      [`GET /api/v1/admin/patronage/${lastYear}`]: () => problem(404, { title: 'Not recorded' }),
      [`POST /api/v1/admin/patronage/${lastYear}`]: () => json(allocation, 201),
    });
    const { user } = renderWithProviders(<AdminPatronagePage />);
    await user.type(await screen.findByLabelText('Pool'), '1,000.00');
    await user.type(screen.getByLabelText('Decided by (optional)'), 'General meeting');
    await user.click(screen.getByRole('button', { name: 'Record and allocate' }));

    expect(await screen.findByRole('heading', { name: `${lastYear}: $1,000.00 allocated` })).toBeInTheDocument();
    expect(await api.last(`POST /api/v1/admin/patronage/${lastYear}`)!.json()).toEqual({ pool: usd(100000), decidedBy: 'General meeting' });
    const table = screen.getByRole('table');
    expect(within(table).getByRole('row', { name: /Ana Okafor/ })).toHaveTextContent('$540.00');
    // The parts sum to the pool.
    expect(within(table).getByRole('row', { name: /^Total/ })).toHaveTextContent('$1,000.00');
    expect(screen.queryByRole('button', { name: 'Record and allocate' })).not.toBeInTheDocument();
  });

  it('shows a year already recorded instead of the form', async () => {
    mockApi({ [`GET /api/v1/admin/patronage/${lastYear}`]: () => json(allocation) });
    renderWithProviders(<AdminPatronagePage />);
    expect(await screen.findByRole('row', { name: /Eli Editor/ })).toHaveTextContent('Worker');
    expect(screen.queryByLabelText('Pool')).not.toBeInTheDocument();
  });

  it('explains a refusal', async () => {
    mockApi({
      [`GET /api/v1/admin/patronage/${lastYear}`]: () => problem(404, { title: 'Not recorded' }),
      [`POST /api/v1/admin/patronage/${lastYear}`]: () =>
        problem(409, { title: 'Already recorded', detail: `The ${lastYear} pool was recorded already.` }),
    });
    const { user } = renderWithProviders(<AdminPatronagePage />);
    await user.type(await screen.findByLabelText('Pool'), '500');
    await user.click(screen.getByRole('button', { name: 'Record and allocate' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`The ${lastYear} pool was recorded already.`);
  });
});
