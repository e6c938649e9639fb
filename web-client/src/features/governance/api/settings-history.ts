import { useInfiniteQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { settingsHistoryKey, type SettingsChangeList } from './settings-types';

/** `GET /api/v1/coop/settings/history?cursor=` (members): every change, newest first, with its vote or admin reason. */
export const listSettingsChanges = (cursor?: string): Promise<SettingsChangeList> =>
  unwrap(api.GET('/api/v1/coop/settings/history', { params: { query: cursor ? { cursor } : {} } }));

export const useSettingsHistory = () =>
  useInfiniteQuery({
    queryKey: settingsHistoryKey,
    queryFn: ({ pageParam }) => listSettingsChanges(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
