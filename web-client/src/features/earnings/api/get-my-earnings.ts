import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { untypedApi } from '@/api/provisional';
import { earningsKey } from './keys';
import type { Earnings } from './types';

export const EARNINGS_PAGE_SIZE = 50;

/**
 * `GET /api/v1/me/earnings`: balances, the last 12 months, the top assets and the newest lines;
 * `before` (the previous page's cursor) pages back through the lines.
 */
export const getMyEarnings = async (before?: string): Promise<Earnings> =>
  (await unwrap(
    untypedApi.GET('/api/v1/me/earnings', { params: { query: { limit: EARNINGS_PAGE_SIZE, ...(before ? { before } : {}) } } }),
  )) as Earnings;

/** The next page's cursor: the server's, or the oldest line's id when a full page came back. */
export function nextEarningsCursor(page: Earnings): string | undefined {
  if (page.nextBefore !== undefined) return page.nextBefore ?? undefined;
  return page.lines.length >= EARNINGS_PAGE_SIZE ? page.lines.at(-1)?.journalId : undefined;
}

export const getMyEarningsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: earningsKey,
    queryFn: ({ pageParam }) => getMyEarnings(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextEarningsCursor,
  });

export const useMyEarnings = () => useInfiniteQuery(getMyEarningsQueryOptions());
