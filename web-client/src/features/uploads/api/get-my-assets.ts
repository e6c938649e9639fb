import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import type { AssetStatus } from '../lib/asset-status';
import { myAssetsQueryKey } from '../lib/query-keys';

type ListMyAssets = paths['/api/v1/me/assets']['get'];
export type AssetPage = ListMyAssets['responses'][200]['content']['application/json'];
export type AssetDetail = AssetPage['items'][number];

export const PAGE_SIZE = 24;
/** While any shown asset is still being processed, the list is fetched again this often. */
export const PROCESSING_POLL_MS = 3000;

/** `GET /api/v1/me/assets?status=&cursor=&limit=`: the signed-in contributor's assets, newest first. */
export const getMyAssets = ({ status, cursor }: { status: AssetStatus | null; cursor: string | null }) =>
  unwrap(
    api.GET('/api/v1/me/assets', {
      params: { query: { status: status ?? undefined, cursor: cursor ?? undefined, limit: PAGE_SIZE } },
    }),
  );

export const getMyAssetsQueryOptions = (status: AssetStatus | null) =>
  infiniteQueryOptions({
    queryKey: [...myAssetsQueryKey, 'list', { status }],
    queryFn: ({ pageParam }) => getMyAssets({ status, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.items.some((a) => a.status === 'processing')) ? PROCESSING_POLL_MS : false,
  });

export const useMyAssets = (status: AssetStatus | null) => useInfiniteQuery(getMyAssetsQueryOptions(status));
