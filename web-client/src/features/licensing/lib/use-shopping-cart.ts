import { useSyncExternalStore } from 'react';
import { useMe } from '@/lib/session/get-me';
import { useCart } from '../api/get-cart';
import { readGuestCart, subscribeGuestCart, type GuestCartItem } from './guest-cart';

const NO_ITEMS: GuestCartItem[] = [];

export const useGuestCart = () => useSyncExternalStore(subscribeGuestCart, readGuestCart, () => NO_ITEMS);

/**
 * The cart as the buyer sees it: the server's when signed in, the browser's guest cart otherwise.
 * `signedIn` is undefined while the session is still being checked.
 */
export function useShoppingCart() {
  const me = useMe();
  const signedIn = me.data ? true : me.data === null || me.isError ? false : undefined;
  const guest = useGuestCart();
  const server = useCart(signedIn === true);
  const count = signedIn ? (server.data?.items.length ?? 0) : signedIn === false ? guest.length : 0;
  return { signedIn, guest, server, count };
}
