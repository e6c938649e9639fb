import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { CartNavLink } from '../components/cart-nav-link';
import { ASSET_ID, cart, cartItem, me, usd } from '../testing/fixtures';
import { GUEST_CART_KEY, putGuestCartItem } from './guest-cart';
import { useGuestCartMerge } from './use-guest-cart-merge';

function Harness() {
  useGuestCartMerge();
  return <CartNavLink />;
}

afterEach(() => localStorage.clear());

const guestItem = (assetId: string) => ({
  assetId, size: 'small', extended: [], title: assetId, thumbnail: null, sizeLabel: 'Small',
  width: 1000, height: 667, price: usd(1500), addedAt: '2026-11-27T10:00:00Z',
});

describe('guest cart at sign-in', () => {
  it('counts the guest cart in the header while signed out', async () => {
    mockApi();
    putGuestCartItem(guestItem('a'));
    putGuestCartItem(guestItem('b'));
    renderWithProviders(<Harness />);
    expect(await screen.findByRole('link', { name: /^Cart,\s*2\s*items$/ })).toHaveAttribute('href', '/cart');
  });

  it('merges the guest cart into the account cart and clears it from the browser', async () => {
    let server = cart([cartItem({ assetId: 'older' })]);
    const api = mockApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/cart': () => json(server),
      'POST /api/v1/me/cart/merge': () => {
        server = cart([cartItem({ assetId: 'older' }), cartItem()]);
        return json(server);
      },
    });
    putGuestCartItem({ ...guestItem(ASSET_ID), size: 'medium', extended: ['multi-seat'] });
    renderWithProviders(<Harness />);

    await waitFor(() => expect(localStorage.getItem(GUEST_CART_KEY)).toBeNull());
    const merge = api.last('POST /api/v1/me/cart/merge')!;
    expect(await merge.json()).toEqual({ items: [{ assetId: ASSET_ID, size: 'medium', extended: ['multi-seat'] }] });
    expect(await screen.findByRole('link', { name: /^Cart,\s*2\s*items$/ })).toBeInTheDocument();
  });

  it('keeps the guest cart when the merge fails, to try again later', async () => {
    let answered!: () => void;
    const done = new Promise<void>((resolve) => (answered = resolve));
    mockApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/cart': () => json(cart([])),
      'POST /api/v1/me/cart/merge': () => {
        queueMicrotask(answered);
        return json({ title: 'Server error' }, 500);
      },
    });
    putGuestCartItem(guestItem('a'));
    renderWithProviders(<Harness />);
    await done;
    await waitFor(() => expect(screen.getByRole('link', { name: 'Cart' })).toBeInTheDocument());
    expect(localStorage.getItem(GUEST_CART_KEY)).not.toBeNull();
  });
});
