import { useInfiniteQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { directoryKey, type DirectoryPage } from './settings-types';

/** `GET /api/v1/members/directory?q=&class=&cursor=` (members): opted-in current members by name. */
export const listMemberDirectory = (q: string, memberClass: string, cursor?: string): Promise<DirectoryPage> =>
  unwrap(
    api.GET('/api/v1/members/directory', {
      params: { query: { ...(q ? { q } : {}), ...(memberClass ? { class: memberClass } : {}), ...(cursor ? { cursor } : {}) } },
    }),
  );

export const useMemberDirectory = (q: string, memberClass: string) =>
  useInfiniteQuery({
    queryKey: directoryKey(q, memberClass),
    queryFn: ({ pageParam }) => listMemberDirectory(q, memberClass, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
