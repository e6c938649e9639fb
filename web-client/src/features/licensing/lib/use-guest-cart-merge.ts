import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useMe } from '@/lib/session/get-me';
import { cartKey } from '../api/keys';
import { mergeCart } from '../api/merge-cart';
import { clearGuestCart, mergePayload, readGuestCart } from './guest-cart';

let merging: Promise<void> | null = null;

/**
 * Once a buyer is signed in (by signing in, signing up, or a page load with a session), the photos
 * they chose as a guest move into their account's cart and leave the browser. A failed merge keeps
 * the guest cart for the next page load rather than losing the choices.
 */
export function useGuestCartMerge() {
  const me = useMe();
  const queryClient = useQueryClient();
  const userId = me.data?.id;

  useEffect(() => {
    if (!userId || merging) return;
    const items = readGuestCart();
    if (items.length === 0) return;
    merging = mergeCart(mergePayload(items))
      .then((cart) => {
        clearGuestCart();
        queryClient.setQueryData(cartKey, cart);
        // A cart fetch started before the merge finished must not overwrite it with the old cart.
        void queryClient.invalidateQueries({ queryKey: cartKey });
      })
      .catch(() => undefined)
      .finally(() => {
        merging = null;
      });
  }, [userId, queryClient]);
}
