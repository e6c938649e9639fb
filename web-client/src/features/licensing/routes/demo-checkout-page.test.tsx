import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ORDER_ID, order } from '../testing/fixtures';
import { DemoCheckoutPage } from './demo-checkout-page';

describe('DemoCheckoutPage', () => {
  it('is labelled as a demo, pays the total and goes to the order', async () => {
    const api = mockApi({
      [`GET /api/v1/me/orders/${ORDER_ID}`]: () => json(order()),
      [`POST /api/v1/demo-payments/${ORDER_ID}/complete`]: () => json(order({ status: 'paid', paidAt: '2026-11-27T10:02:00Z' })),
    });
    const { user } = renderWithProviders(
      <Routes>
        <Route path="/checkout/demo/:orderId" element={<DemoCheckoutPage />} />
        <Route path="/orders/:id" element={<p>Receipt page</p>} />
      </Routes>,
      { route: `/checkout/demo/${ORDER_ID}` },
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Demo checkout — no money moves' })).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Pay $300.00' }));
    expect(await screen.findByText('Receipt page')).toBeInTheDocument();
    expect(api.last(`POST /api/v1/demo-payments/${ORDER_ID}/complete`)?.headers.get('X-XSRF-TOKEN')).toBe('test-token');
  });
});
