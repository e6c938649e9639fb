import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { boardTopicsKey } from './keys';

/** `GET /api/v1/board/topics`: pinned first, then latest activity; members only (403 otherwise). */
export const listBoardTopics = () => unwrap(api.GET('/api/v1/board/topics'));

export const listBoardTopicsQueryOptions = () =>
  queryOptions({ queryKey: boardTopicsKey, queryFn: listBoardTopics, refetchInterval: 60_000 });

export const useBoardTopics = (enabled = true) => useQuery({ ...listBoardTopicsQueryOptions(), enabled });
