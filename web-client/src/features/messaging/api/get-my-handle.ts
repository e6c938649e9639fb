import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

/**
 * `GET /api/v1/me/profile`, for its handle: the contact buttons stay off the signed-in person's own photos and
 * portfolio, which name their contributor by handle only.
 */
export const getMyProfile = () => unwrap(api.GET('/api/v1/me/profile'));

export const getMyProfileQueryOptions = () =>
  queryOptions({ queryKey: ['messaging', 'my-profile'], queryFn: getMyProfile, staleTime: 5 * 60_000 });

/** `pending` until the handle is known, so the buttons don't flash on one's own work. */
export const useMyHandle = (enabled: boolean) => {
  const profile = useQuery({ ...getMyProfileQueryOptions(), enabled });
  return { handle: profile.data?.handle ?? null, pending: enabled && profile.isPending };
};
