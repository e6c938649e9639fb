import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { webhookDeliveriesQueryKey } from './list-webhook-deliveries';

/** `POST /api/v1/me/webhooks/{id}/test`: queues a webhook.test event to this endpoint (409 when it is turned off). */
export const sendTestWebhook = (id: string) => unwrap(api.POST('/api/v1/me/webhooks/{id}/test', { params: { path: { id } } }));

export function useSendTestWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendTestWebhook,
    onSuccess: (_, id) => queryClient.invalidateQueries({ queryKey: webhookDeliveriesQueryKey(id) }),
  });
}
