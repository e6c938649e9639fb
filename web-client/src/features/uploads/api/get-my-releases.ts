import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { myReleasesQueryKey } from '../lib/query-keys';

export type Release = paths['/api/v1/me/releases']['get']['responses'][200]['content']['application/json']['items'][number];

/** `GET /api/v1/me/releases`: the contributor's model and property releases, reusable across assets. */
export const getMyReleases = () => unwrap(api.GET('/api/v1/me/releases'));

export const getMyReleasesQueryOptions = () =>
  queryOptions({ queryKey: myReleasesQueryKey, queryFn: getMyReleases, staleTime: 60_000 });

export const useMyReleases = () => useQuery(getMyReleasesQueryOptions());
