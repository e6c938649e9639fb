import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { licensesKey, orderKey, ordersKey } from './keys';
import type { Order } from './types';

/** `POST /api/v1/demo-payments/{orderId}/complete`: the demo provider "pays" (local runs only). */
export const completeDemoPayment = (orderId: string): Promise<Order> =>
  unwrap(api.POST('/api/v1/demo-payments/{orderId}/complete', { params: { path: { orderId } } }));

export function useCompleteDemoPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: completeDemoPayment,
    onSuccess: (order) => {
      queryClient.setQueryData(orderKey(order.id), order);
      void queryClient.invalidateQueries({ queryKey: ordersKey });
      void queryClient.invalidateQueries({ queryKey: licensesKey });
    },
  });
}
