import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { earningsKey } from './keys';
import type { Earnings } from './types';

export const EARNINGS_PAGE_SIZE = 50;

/**
 * `GET /api/v1/me/earnings`: balances, the last 12 months, the top assets and the newest lines;
 * `before` (the previous page's cursor) pages back through the lines.
 */
export const getMyEarnings = (before?: string): Promise<Earnings> =>
  unwrap(api.GET('/api/v1/me/earnings', { params: { query: { limit: EARNINGS_PAGE_SIZE, ...(before ? { before } : {}) } } }));

/** The server's cursor for the next page (the last line's journal id), absent on the last page. */
export const nextEarningsCursor = (page: Earnings): string | undefined => page.nextBefore ?? undefined;

export const getMyEarningsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: earningsKey,
    queryFn: ({ pageParam }) => getMyEarnings(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextEarningsCursor,
  });

export const useMyEarnings = () => useInfiniteQuery(getMyEarningsQueryOptions());
