import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { webhookDeliveriesQueryKey } from './list-webhook-deliveries';

/** `POST /api/v1/me/webhooks/{id}/deliveries/{deliveryId}/redeliver`: the same event again, as a new delivery. */
export const redeliverWebhook = ({ id, deliveryId }: { id: string; deliveryId: string }) =>
  unwrap(api.POST('/api/v1/me/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id, deliveryId } } }));

export function useRedeliverWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: redeliverWebhook,
    onSuccess: (_, { id }) => queryClient.invalidateQueries({ queryKey: webhookDeliveriesQueryKey(id) }),
  });
}
