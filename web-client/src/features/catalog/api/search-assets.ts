import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components, paths } from '@/api/schema';
import { toSearchParams, type SearchState } from '../lib/search-state';

export type SearchResult = components['schemas']['SearchResult'];
export type CatalogItem = components['schemas']['CatalogItem'];
export type FacetCount = components['schemas']['FacetCount'];
type SearchQuery = NonNullable<paths['/api/v1/assets']['get']['parameters']['query']>;

export const PAGE_SIZE = 40;

/** The API's query for a page state; unset filters are left out rather than sent empty. */
export function toApiQuery(state: SearchState): SearchQuery {
  const query: Record<string, string | number> = {};
  for (const [key, value] of toSearchParams(state)) query[key] = /^(minWidth|minHeight|colorDistance)$/.test(key) ? Number(value) : value;
  return query as SearchQuery;
}

/**
 * `GET /api/v1/assets`, one page per cursor. The key is the canonical URL query, so the back
 * button finds the previous search (all its loaded pages) in the cache instead of refetching.
 */
export const searchAssetsQueryOptions = (state: SearchState, limit: number = PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: ['catalog', 'search', toSearchParams(state).toString(), limit],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/assets', {
          params: { query: { ...toApiQuery(state), limit, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last: SearchResult) => last.nextCursor ?? null,
    staleTime: 30_000,
  });

export const useSearchAssets = (state: SearchState, limit?: number) => useInfiniteQuery(searchAssetsQueryOptions(state, limit));
