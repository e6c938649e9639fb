import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type WebhookDelivery = components['schemas']['WebhookDeliveryItem'];

export const webhookDeliveriesQueryKey = (id: string) => ['webhooks', 'deliveries', id] as const;

/** `GET /api/v1/me/webhooks/{id}/deliveries`: the latest deliveries, newest first. */
export const listWebhookDeliveries = (id: string) =>
  unwrap(api.GET('/api/v1/me/webhooks/{id}/deliveries', { params: { path: { id } } }));

export const listWebhookDeliveriesQueryOptions = (id: string) =>
  queryOptions({
    queryKey: webhookDeliveriesQueryKey(id),
    queryFn: () => listWebhookDeliveries(id),
    // Pending deliveries change on their own as the job sends them.
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 5_000 : false),
  });

export const useWebhookDeliveries = (id: string, enabled: boolean) =>
  useQuery({ ...listWebhookDeliveriesQueryOptions(id), enabled });
