import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ORDER_ID, licenseTypes, order } from '../testing/fixtures';
import { OrderPage } from './order-page';

function renderOrder(search = '') {
  return renderWithProviders(
    <Routes>
      <Route path="/orders/:id" element={<OrderPage />} />
    </Routes>,
    { route: `/orders/${ORDER_ID}${search}` },
  );
}

describe('OrderPage', () => {
  it('shows the receipt: lines, total, status and paid date', async () => {
    mockApi({
      'GET /api/v1/license-types': () => json(licenseTypes),
      [`GET /api/v1/me/orders/${ORDER_ID}`]: () =>
        json(order({ status: 'paid', paidAt: '2026-11-27T10:02:00Z', lines: order().lines.map((l) => ({ ...l, licenseId: 'x' })) })),
    });
    renderOrder();
    expect(await screen.findByText('Paid', { selector: '.badge' })).toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(table).toHaveTextContent('Harbour lights at dusk');
    expect(table).toHaveTextContent('Medium, 2,500 × 1,667 px');
    expect(table).toHaveTextContent('Total$300.00');
    expect(screen.getByText('Paid', { selector: 'dt' })).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: '' })).toBeNull();
  });

  it('after checkout, asks the server to confirm and polls until the order is paid', async () => {
    let reads = 0;
    const api = mockApi({
      [`POST /api/v1/orders/${ORDER_ID}/confirm`]: () => json(order()),
      [`GET /api/v1/me/orders/${ORDER_ID}`]: () => {
        reads += 1;
        return json(reads < 2 ? order() : order({ status: 'paid', paidAt: '2026-11-27T10:02:00Z' }));
      },
    });
    renderOrder('?checkout=success');
    expect(await screen.findByText(/Confirming your payment/)).toBeInTheDocument();
    expect(await screen.findByText('Payment received', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByText(/Confirming your payment/)).toBeNull();
    await waitFor(() => expect(api.last(`POST /api/v1/orders/${ORDER_ID}/confirm`)).toBeDefined());
    expect(api.requests.filter((r) => r.url.endsWith('/confirm'))).toHaveLength(1);
  });
});
