import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { webhookEndpointsQueryKey } from './list-webhook-endpoints';

/** `DELETE /api/v1/me/webhooks/{id}`: the endpoint and its deliveries log. */
export const deleteWebhookEndpoint = (id: string) =>
  unwrap(api.DELETE('/api/v1/me/webhooks/{id}', { params: { path: { id } } }));

export function useDeleteWebhookEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWebhookEndpoint,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryKey }),
  });
}
