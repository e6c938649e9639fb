import type { CartItemRequest, Money, RenditionLink } from '../api/types';

/**
 * The cart of a buyer who has not signed in: kept in localStorage (so it survives closing the tab),
 * one item per photo like the server's cart, and handed to `POST /me/cart/merge` at sign-in. It
 * stores what the cart page needs to show (title, thumbnail, the price seen) only as a snapshot:
 * the server prices everything again when it merges.
 */
export type GuestCartItem = {
  assetId: string;
  size: string;
  extended: string[];
  title: string;
  thumbnail?: RenditionLink | null;
  sizeLabel: string;
  width: number;
  height: number;
  price: Money;
  addedAt: string;
};

export const GUEST_CART_KEY = 'mediacoop.guest-cart.v1';
const CHANGED = 'mediacoop:guest-cart';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be switched off (privacy settings): the guest cart is then simply empty.
    return null;
  }
}

function isItem(value: unknown): value is GuestCartItem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.assetId === 'string' &&
    typeof v.size === 'string' &&
    Array.isArray(v.extended) &&
    v.extended.every((c) => typeof c === 'string') &&
    typeof v.price === 'object' &&
    v.price !== null
  );
}

let cache: { raw: string | null; items: GuestCartItem[] } = { raw: null, items: [] };

/** The items, oldest first. A damaged entry (edited by hand, an older format) reads as empty. */
export function readGuestCart(): GuestCartItem[] {
  const raw = storage()?.getItem(GUEST_CART_KEY) ?? null;
  // The same array while nothing changed, so useSyncExternalStore sees a stable snapshot.
  if (raw === cache.raw) return cache.items;
  let items: GuestCartItem[] = [];
  if (raw) {
    try {
      const parsed: unknown = JSON.parse(raw);
      items = Array.isArray(parsed) ? parsed.filter(isItem) : [];
    } catch {
      items = [];
    }
  }
  cache = { raw, items };
  return items;
}

function write(items: GuestCartItem[]) {
  const store = storage();
  if (!store) return;
  if (items.length === 0) store.removeItem(GUEST_CART_KEY);
  else store.setItem(GUEST_CART_KEY, JSON.stringify(items));
  globalThis.dispatchEvent?.(new Event(CHANGED));
}

/** Adds a photo, or replaces the licence chosen for it (one licence per photo, as on the server). */
export function putGuestCartItem(item: GuestCartItem): GuestCartItem[] {
  const items = readGuestCart();
  const index = items.findIndex((i) => i.assetId === item.assetId);
  const next = index === -1 ? [...items, item] : items.map((i, n) => (n === index ? item : i));
  write(next);
  return next;
}

export function removeGuestCartItem(assetId: string): GuestCartItem[] {
  const next = readGuestCart().filter((i) => i.assetId !== assetId);
  write(next);
  return next;
}

export function clearGuestCart() {
  write([]);
}

/** The body of `POST /me/cart/merge`: only the choices; titles and prices are the server's to decide. */
export function mergePayload(items: GuestCartItem[]): { items: CartItemRequest[] } {
  return { items: items.map(({ assetId, size, extended }) => ({ assetId, size, extended: [...extended] })) };
}

/** Calls back when the guest cart changes in this tab or another one. */
export function subscribeGuestCart(callback: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === GUEST_CART_KEY) callback();
  };
  globalThis.addEventListener?.(CHANGED, callback);
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    globalThis.removeEventListener?.(CHANGED, callback);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}

export function guestCartTotal(items: GuestCartItem[]): Money | null {
  if (items.length === 0) return null;
  const currency = items[0]!.price.currency;
  // Mixed currencies cannot be summed; the server's cart (after sign-in) is the real total anyway.
  if (items.some((i) => i.price.currency !== currency)) return null;
  return { amount: items.reduce((sum, i) => sum + i.price.amount, 0), currency };
}
