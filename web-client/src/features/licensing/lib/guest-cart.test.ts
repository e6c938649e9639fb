import { afterEach, describe, expect, it, vi } from 'vitest';
import { usd } from '../testing/fixtures';
import {
  GUEST_CART_KEY,
  clearGuestCart,
  guestCartTotal,
  mergePayload,
  putGuestCartItem,
  readGuestCart,
  removeGuestCartItem,
  subscribeGuestCart,
  type GuestCartItem,
} from './guest-cart';

const item = (assetId: string, overrides: Partial<GuestCartItem> = {}): GuestCartItem => ({
  assetId,
  size: 'small',
  extended: [],
  title: `Photo ${assetId}`,
  thumbnail: null,
  sizeLabel: 'Small',
  width: 1000,
  height: 667,
  price: usd(1500),
  addedAt: '2026-11-27T10:00:00Z',
  ...overrides,
});

afterEach(() => localStorage.clear());

describe('guest cart', () => {
  it('adds photos, keeps them in localStorage and totals them', () => {
    putGuestCartItem(item('a'));
    putGuestCartItem(item('b', { size: 'large', price: usd(10000) }));
    expect(readGuestCart().map((i) => i.assetId)).toEqual(['a', 'b']);
    expect(JSON.parse(localStorage.getItem(GUEST_CART_KEY)!)).toHaveLength(2);
    expect(guestCartTotal(readGuestCart())).toEqual(usd(11500));
  });

  it('replaces the licence for a photo already in the cart instead of adding it twice', () => {
    putGuestCartItem(item('a'));
    putGuestCartItem(item('b'));
    putGuestCartItem(item('a', { size: 'original', extended: ['multi-seat'], price: usd(40000) }));
    const items = readGuestCart();
    expect(items.map((i) => [i.assetId, i.size])).toEqual([
      ['a', 'original'],
      ['b', 'small'],
    ]);
    expect(items[0]!.extended).toEqual(['multi-seat']);
  });

  it('removes one photo, and empties the storage when the last one goes', () => {
    putGuestCartItem(item('a'));
    putGuestCartItem(item('b'));
    removeGuestCartItem('a');
    expect(readGuestCart().map((i) => i.assetId)).toEqual(['b']);
    removeGuestCartItem('b');
    expect(localStorage.getItem(GUEST_CART_KEY)).toBeNull();
    expect(guestCartTotal(readGuestCart())).toBeNull();
  });

  it('sends only the choices to the merge, never titles or prices', () => {
    putGuestCartItem(item('a', { size: 'medium', extended: ['multi-seat'] }));
    putGuestCartItem(item('b'));
    expect(mergePayload(readGuestCart())).toEqual({
      items: [
        { assetId: 'a', size: 'medium', extended: ['multi-seat'] },
        { assetId: 'b', size: 'small', extended: [] },
      ],
    });
  });

  it('reads a damaged entry as an empty cart', () => {
    localStorage.setItem(GUEST_CART_KEY, '{not json');
    expect(readGuestCart()).toEqual([]);
    localStorage.setItem(GUEST_CART_KEY, JSON.stringify([{ assetId: 'a' }, item('b')]));
    expect(readGuestCart().map((i) => i.assetId)).toEqual(['b']);
  });

  it('tells subscribers about changes, including clearing', () => {
    const listener = vi.fn();
    const unsubscribe = subscribeGuestCart(listener);
    putGuestCartItem(item('a'));
    clearGuestCart();
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    putGuestCartItem(item('b'));
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
