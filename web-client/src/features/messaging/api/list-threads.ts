import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { threadsKey } from './keys';

/** `GET /api/v1/threads`: my private threads, newest activity first. */
export const listThreads = () => unwrap(api.GET('/api/v1/threads'));

export const listThreadsQueryOptions = () => queryOptions({ queryKey: threadsKey, queryFn: listThreads, refetchInterval: 30_000 });

export const useThreads = () => useQuery(listThreadsQueryOptions());
