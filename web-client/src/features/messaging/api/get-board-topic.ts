import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { usePageVisible } from '../lib/use-page-visible';
import { POLL_MS } from './get-thread';
import { boardTopicKey } from './keys';

/** `GET /api/v1/board/topics/{id}`: the topic and its replies, oldest first. */
export const getBoardTopic = (id: string) => unwrap(api.GET('/api/v1/board/topics/{id}', { params: { path: { id } } }));

export const getBoardTopicQueryOptions = (id: string, poll: boolean) =>
  queryOptions({ queryKey: boardTopicKey(id), queryFn: () => getBoardTopic(id), refetchInterval: poll ? POLL_MS : false });

export function useBoardTopic(id: string, enabled = true) {
  const visible = usePageVisible();
  return useQuery({ ...getBoardTopicQueryOptions(id, visible), enabled });
}
