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
  cashBp: 2000,
  journalId: 'j1',
  recordedAt: '2027-03-01T00:00:00Z',
  classes: [],
  members: [
    { userId: 'u1', displayName: 'Ana Okafor', class: 'contributor', basis: '60% of contributor royalties', amount: usd(54000), cash: usd(10800), retained: usd(43200) },
    { userId: 'u2', displayName: 'Ben Lindqvist', class: 'contributor', basis: '40% of contributor royalties', amount: usd(36000), cash: usd(7200), retained: usd(28800) },
    { userId: 'u3', displayName: 'Eli Editor', class: 'worker', basis: '1 year of service', amount: usd(5000), cash: usd(1000), retained: usd(4000) },
    { userId: 'u4', displayName: 'Ada Admin', class: 'founder', basis: 'equal share', amount: usd(5000), cash: usd(1000), retained: usd(4000) },
  ],
};

describe('AdminPatronagePage', () => {
  it('records last year’s pool once and shows its allocation', async () => {
    const api = mockApi({
      [`GET /api/v1/admin/patronage/${lastYear}`]: () => problem(404, { title: 'Not recorded' }),
      [`GET /api/v1/admin/patronage/${lastYear}/preview`]: () => json({ ...allocation, alreadyAllocated: false }),
      [`POST /api/v1/admin/patronage/${lastYear}`]: () => json(allocation, 201),
    });
    const { user } = renderWithProviders(<AdminPatronagePage />);
    await user.type(await screen.findByLabelText('Pool'), '1,000.00');
    await user.type(screen.getByLabelText('Decided by (optional)'), 'General meeting');
    await user.click(screen.getByRole('button', { name: 'Preview the allocation' }));

    // Nothing is posted until the preview is confirmed.
    const preview = await screen.findByRole('table', { name: `Preview of the ${lastYear} allocation by member` });
    expect(within(preview).getByRole('row', { name: /Ben Lindqvist/ })).toHaveTextContent('$360.00');
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    const asked = new URL(api.last(`GET /api/v1/admin/patronage/${lastYear}/preview`)!.url).searchParams;
    expect([asked.get('amount'), asked.get('currency')]).toEqual(['100000', 'USD']);
    await user.click(screen.getByRole('button', { name: 'Record and allocate' }));

    expect(await screen.findByRole('heading', { name: `${lastYear}: $1,000.00 allocated` })).toBeInTheDocument();
    expect(await api.last(`POST /api/v1/admin/patronage/${lastYear}`)!.json()).toEqual({ pool: usd(100000), decidedBy: 'General meeting' });
    const table = screen.getByRole('table', { name: `Allocation of the ${lastYear} patronage pool by member` });
    expect(within(table).getByRole('row', { name: /Ana Okafor/ })).toHaveTextContent('$540.00');
    // The parts sum to the pool.
    expect(within(table).getByRole('row', { name: /^Total/ })).toHaveTextContent('$1,000.00');
    expect(screen.queryByRole('button', { name: 'Record and allocate' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Pool')).not.toBeInTheDocument();
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
      [`GET /api/v1/admin/patronage/${lastYear}/preview`]: () =>
        problem(409, { title: 'Already recorded', detail: `The ${lastYear} pool was recorded already.` }),
    });
    const { user } = renderWithProviders(<AdminPatronagePage />);
    await user.type(await screen.findByLabelText('Pool'), '500');
    await user.click(screen.getByRole('button', { name: 'Preview the allocation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`The ${lastYear} pool was recorded already.`);
  });
});
