import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { webhookEndpointsQueryKey } from './list-webhook-endpoints';

export type UpdateWebhookEndpointInput = NonNullable<
  paths['/api/v1/me/webhooks/{id}']['patch']['requestBody']
>['content']['application/json'];

/** `PATCH /api/v1/me/webhooks/{id}`: address, description, events, or on/off. */
export const updateWebhookEndpoint = ({ id, ...body }: UpdateWebhookEndpointInput & { id: string }) =>
  unwrap(api.PATCH('/api/v1/me/webhooks/{id}', { params: { path: { id } }, body }));

export function useUpdateWebhookEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateWebhookEndpoint,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryKey }),
  });
}
