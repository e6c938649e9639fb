import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { boardTopicsKey } from './keys';

/** `GET /api/v1/board/topics`: pinned first, then latest activity, a page at a time; members only (403 otherwise). */
export const listBoardTopics = (cursor: string | null) =>
  unwrap(api.GET('/api/v1/board/topics', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }));

export const listBoardTopicsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: boardTopicsKey,
    queryFn: ({ pageParam }) => listBoardTopics(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
    refetchInterval: 60_000,
  });

export const useBoardTopics = (enabled = true) => useInfiniteQuery({ ...listBoardTopicsQueryOptions(), enabled });
