import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { cartKey } from './keys';
import type { CartItem, CartItemRequest } from './types';

/** `PUT /api/v1/me/cart/items/{assetId}`: adds the photo, or replaces the licence chosen for it. */
export const putCartItem = ({ assetId, ...body }: CartItemRequest): Promise<CartItem> =>
  unwrap(api.PUT('/api/v1/me/cart/items/{assetId}', { params: { path: { assetId } }, body }));

export function usePutCartItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putCartItem,
    onSettled: () => queryClient.invalidateQueries({ queryKey: cartKey }),
  });
}
