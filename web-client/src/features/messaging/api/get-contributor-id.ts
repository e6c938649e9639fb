import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

/**
 * `GET /api/v1/contributors/{handle}`, for the contributor's id: a photo's page names its photographer by handle, and a
 * message is addressed by id. Small and cached.
 */
export const getContributorProfile = (handle: string) =>
  unwrap(api.GET('/api/v1/contributors/{handle}', { params: { path: { handle } } }));

export const getContributorIdQueryOptions = (handle: string) =>
  queryOptions({ queryKey: ['messaging', 'contributor', handle], queryFn: () => getContributorProfile(handle), staleTime: 5 * 60_000 });

export const useContributorId = (handle: string, enabled = true) => {
  const profile = useQuery({ ...getContributorIdQueryOptions(handle), enabled });
  return profile.data?.id ?? null;
};
