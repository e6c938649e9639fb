import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { cartKey } from './keys';

/** `DELETE /api/v1/me/cart/items/{assetId}`: 204. */
export const removeCartItem = (assetId: string) =>
  unwrap(api.DELETE('/api/v1/me/cart/items/{assetId}', { params: { path: { assetId } } }));

export function useRemoveCartItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeCartItem,
    onSettled: () => queryClient.invalidateQueries({ queryKey: cartKey }),
  });
}
