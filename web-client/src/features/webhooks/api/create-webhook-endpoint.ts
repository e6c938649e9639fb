import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { webhookEndpointsQueryKey } from './list-webhook-endpoints';

export type CreateWebhookEndpointInput = NonNullable<paths['/api/v1/me/webhooks']['post']['requestBody']>['content']['application/json'];

/** `POST /api/v1/me/webhooks`: 400 with field errors (url refused, events); the answer holds the secret, once. */
export const createWebhookEndpoint = (body: CreateWebhookEndpointInput) => unwrap(api.POST('/api/v1/me/webhooks', { body }));

export function useCreateWebhookEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhookEndpoint,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryKey }),
  });
}
