import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { usePageVisible } from '../lib/use-page-visible';
import { threadKey } from './keys';

/** `GET /api/v1/threads/{id}`: the thread and its messages, oldest first. 404 unless you are one of its two parties. */
export const getThread = (id: string) => unwrap(api.GET('/api/v1/threads/{id}', { params: { path: { id } } }));

/** New messages arrive by polling every 10 s while the page is visible (a hidden tab asks nothing). */
export const POLL_MS = 10_000;

export const getThreadQueryOptions = (id: string, poll: boolean) =>
  queryOptions({ queryKey: threadKey(id), queryFn: () => getThread(id), refetchInterval: poll ? POLL_MS : false });

export function useThread(id: string) {
  const visible = usePageVisible();
  return useQuery(getThreadQueryOptions(id, visible));
}
