import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { memberDirectoryKey } from './keys';

/** `GET /api/v1/members/directory?q=` (members): the members who list themselves, for picking election candidates. */
export const listMemberDirectory = (q: string) => unwrap(api.GET('/api/v1/members/directory', { params: { query: { q } } }));

export const listMemberDirectoryQueryOptions = (q: string) =>
  queryOptions({ queryKey: memberDirectoryKey(q), queryFn: () => listMemberDirectory(q), placeholderData: keepPreviousData });

export const useMemberDirectory = (q: string, enabled: boolean) => useQuery({ ...listMemberDirectoryQueryOptions(q), enabled });
