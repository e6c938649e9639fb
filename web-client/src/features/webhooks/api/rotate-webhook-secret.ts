import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { webhookEndpointsQueryKey } from './list-webhook-endpoints';

/** `POST /api/v1/me/webhooks/{id}/rotate-secret`: a new secret (shown once); the old one signs too for 24 hours. */
export const rotateWebhookSecret = (id: string) =>
  unwrap(api.POST('/api/v1/me/webhooks/{id}/rotate-secret', { params: { path: { id } } }));

export function useRotateWebhookSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateWebhookSecret,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryKey }),
  });
}
