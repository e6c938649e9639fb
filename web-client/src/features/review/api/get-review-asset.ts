import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type ReviewAssetDetail = components['schemas']['ReviewAssetDetail'];

/**
 * `GET /api/v1/review/assets/{id}`: everything a decision needs — metadata, camera data, releases,
 * near-duplicate candidates, the asset's history and the contributor's recent decisions — plus the
 * URL of the unwatermarked preview.
 */
export const getReviewAsset = (id: string) => unwrap(api.GET('/api/v1/review/assets/{id}', { params: { path: { id } } }));

export const getReviewAssetQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['review', 'asset', id], queryFn: () => getReviewAsset(id), staleTime: 60_000 });

export const useReviewAsset = (id: string) => useQuery(getReviewAssetQueryOptions(id));
