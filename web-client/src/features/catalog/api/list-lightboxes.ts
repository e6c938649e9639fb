import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type LightboxSummary = components['schemas']['LightboxSummary'];

/** Everything cached about the signed-in user's lightboxes starts with this key, so one invalidation refreshes it all. */
export const lightboxesKey = ['lightboxes'] as const;

/** `GET /api/v1/lightboxes[?asset=]`: the user's lightboxes; with an asset, each says whether it holds it. */
export const listLightboxes = (asset?: string) =>
  unwrap(api.GET('/api/v1/lightboxes', { params: { query: asset ? { asset } : {} } }));

export const listLightboxesQueryOptions = (asset?: string) =>
  queryOptions({ queryKey: [...lightboxesKey, 'list', asset ?? null], queryFn: () => listLightboxes(asset) });

export const useLightboxes = (asset?: string, enabled = true) => useQuery({ ...listLightboxesQueryOptions(asset), enabled });
