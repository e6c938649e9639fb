import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type SimilarAssets = components['schemas']['SimilarAssets'];

/** `GET /api/v1/assets/{id}/similar`: look-alikes and the contributor's other recent work. */
export const getSimilarAssets = (id: string) => unwrap(api.GET('/api/v1/assets/{id}/similar', { params: { path: { id } } }));

export const getSimilarAssetsQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['catalog', 'similar', id], queryFn: () => getSimilarAssets(id), staleTime: 60_000 });

export const useSimilarAssets = (id: string) => useQuery(getSimilarAssetsQueryOptions(id));
