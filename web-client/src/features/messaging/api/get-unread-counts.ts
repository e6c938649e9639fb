import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { unreadKey } from './keys';

/** `GET /api/v1/threads/unread`: how many private threads and board topics have something new. */
export const getUnreadCounts = () => unwrap(api.GET('/api/v1/threads/unread'));

export const getUnreadCountsQueryOptions = () =>
  queryOptions({ queryKey: unreadKey, queryFn: getUnreadCounts, refetchInterval: 30_000 });

export const useUnreadCounts = (enabled = true) => useQuery({ ...getUnreadCountsQueryOptions(), enabled });
