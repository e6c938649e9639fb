import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type WebhookEndpoint = components['schemas']['WebhookEndpointItem'];
export type WebhookEventType = components['schemas']['WebhookEventType'];

export const webhookEndpointsQueryKey = ['webhooks', 'endpoints'] as const;

/** `GET /api/v1/me/webhooks`: the caller's endpoints (never their secrets) and the event types to choose from. */
export const listWebhookEndpoints = () => unwrap(api.GET('/api/v1/me/webhooks'));

export const listWebhookEndpointsQueryOptions = () =>
  queryOptions({ queryKey: webhookEndpointsQueryKey, queryFn: listWebhookEndpoints });

export const useWebhookEndpoints = () => useQuery(listWebhookEndpointsQueryOptions());
