import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { threadsKey } from './keys';

/** `GET /api/v1/threads`: my private threads, newest activity first, a page at a time (`nextCursor`). */
export const listThreads = (cursor: string | null) =>
  unwrap(api.GET('/api/v1/threads', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }));

export const listThreadsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: threadsKey,
    queryFn: ({ pageParam }) => listThreads(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
    refetchInterval: 30_000,
  });

export const useThreads = () => useInfiniteQuery(listThreadsQueryOptions());
