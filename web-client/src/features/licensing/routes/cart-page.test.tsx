import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { browser } from '../lib/browser';
import { forgetCheckoutAttempt } from '../lib/idempotency';
import { putGuestCartItem } from '../lib/guest-cart';
import { ASSET_ID, ORDER_ID, cart, cartItem, licenseTypes, me, order, usd } from '../testing/fixtures';
import { CartPage } from './cart-page';

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  forgetCheckoutAttempt();
});

function renderCart() {
  return renderWithProviders(
    <Routes>
      <Route path="/cart" element={<CartPage />} />
      <Route path="/sign-in" element={<p>Sign-in page</p>} />
    </Routes>,
    { route: '/cart' },
  );
}

describe('CartPage', () => {
  it('shows a guest’s cart from this browser and sends them to sign in to check out', async () => {
    mockApi({ 'GET /api/v1/license-types': () => json(licenseTypes) });
    putGuestCartItem({
      assetId: ASSET_ID,
      size: 'medium',
      extended: ['multi-seat'],
      title: 'Harbour lights at dusk',
      thumbnail: null,
      sizeLabel: 'Medium',
      width: 2500,
      height: 1667,
      price: usd(30000),
      addedAt: '2026-11-27T10:00:00Z',
    });
    const { user } = renderCart();
    const list = await screen.findByRole('list', { name: 'Photos in your cart' });
    expect(within(list).getByRole('link', { name: 'Harbour lights at dusk' })).toHaveAttribute('href', `/assets/${ASSET_ID}`);
    expect(list).toHaveTextContent('Medium, 2,500 × 1,667 px, + Multi-seat (shared by a team)');
    expect(screen.getByText('Total').parentElement).toHaveTextContent('Total $300.00 (confirmed at checkout)');

    await user.click(screen.getByRole('button', { name: 'Sign in to check out' }));
    expect(await screen.findByText('Sign-in page')).toBeInTheDocument();
  });

  it('removes a guest item', async () => {
    mockApi();
    putGuestCartItem({
      assetId: ASSET_ID, size: 'small', extended: [], title: 'Harbour', thumbnail: null, sizeLabel: 'Small',
      width: 1000, height: 667, price: usd(1500), addedAt: '2026-11-27T10:00:00Z',
    });
    const { user } = renderCart();
    await user.click(await screen.findByRole('button', { name: /^Remove\s*“Harbour”/ }));
    expect(await screen.findByText('Your cart is empty.')).toBeInTheDocument();
  });

  it('flags unavailable items and will not check out until they are removed', async () => {
    mockApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/cart': () =>
        json(cart([cartItem(), cartItem({ assetId: 'gone', title: 'Withdrawn', available: false, unavailableReason: 'The photo was withdrawn.' })])),
    });
    renderCart();
    expect(await screen.findByText('The photo was withdrawn.')).toBeInTheDocument();
    expect(screen.getByText('Unavailable')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Checkout' })).toBeDisabled();
  });

  it('creates the order with an Idempotency-Key, reuses it on retry, and goes to the payment page', async () => {
    let attempts = 0;
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
    const api = mockApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/cart': () => json(cart([cartItem()])),
      'POST /api/v1/orders': () => json(order(), 201),
      [`POST /api/v1/orders/${ORDER_ID}/checkout`]: () => {
        attempts += 1;
        // The first attempt fails after the order was made: the retry must not make another.
        return attempts === 1
          ? problem(503, { title: 'Payment provider unavailable', detail: 'The payment provider did not answer.' })
          : json({ provider: 'demo', redirectUrl: `/checkout/demo/${ORDER_ID}` });
      },
    });
    const { user } = renderCart();
    await user.click(await screen.findByRole('button', { name: 'Checkout' }));
    expect(await screen.findByText(/The payment provider did not answer/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Checkout' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith(`/checkout/demo/${ORDER_ID}`));

    const orders = api.requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/orders');
    expect(orders).toHaveLength(2);
    const [first, second] = orders.map((r) => r.headers.get('Idempotency-Key'));
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
    // Choices only: the server fixes the prices.
    expect(await orders[0]!.json()).toEqual({ items: [{ assetId: ASSET_ID, size: 'medium', extended: ['multi-seat'] }] });
    // The attempt is over once the buyer is sent to pay.
    expect(sessionStorage.getItem('mediacoop.checkout-attempt.v1')).toBeNull();
  });

  it('says what went wrong when a photo can no longer be ordered', async () => {
    mockApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/cart': () => json(cart([cartItem()])),
      'POST /api/v1/orders': () => problem(409, { title: 'Not available', detail: '“Harbour lights at dusk” is under a market freeze.' }),
    });
    const { user } = renderCart();
    await user.click(await screen.findByRole('button', { name: 'Checkout' }));
    expect(await screen.findByText(/is under a market freeze/)).toBeInTheDocument();
  });
});
