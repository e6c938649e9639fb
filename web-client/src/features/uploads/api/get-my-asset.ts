import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { myAssetsQueryKey } from '../lib/query-keys';
import { PROCESSING_POLL_MS } from './get-my-assets';

export const myAssetQueryKey = (id: string) => [...myAssetsQueryKey, 'detail', id] as const;

/** `GET /api/v1/me/assets/{id}`: one of the contributor's own assets (404 for anyone else's). */
export const getMyAsset = (id: string) => unwrap(api.GET('/api/v1/me/assets/{id}', { params: { path: { id } } }));

export const getMyAssetQueryOptions = (id: string) =>
  queryOptions({
    queryKey: myAssetQueryKey(id),
    queryFn: () => getMyAsset(id),
    refetchInterval: (query) => (query.state.data?.status === 'processing' ? PROCESSING_POLL_MS : false),
  });

export const useMyAsset = (id: string) => useQuery(getMyAssetQueryOptions(id));
