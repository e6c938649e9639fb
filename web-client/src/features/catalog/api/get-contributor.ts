import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type ContributorProfile = components['schemas']['ContributorProfile'];

/** `GET /api/v1/contributors/{handle}`: a contributor's public profile (404 for accounts without published work). */
export const getContributor = (handle: string) =>
  unwrap(api.GET('/api/v1/contributors/{handle}', { params: { path: { handle } } }));

export const getContributorQueryOptions = (handle: string) =>
  queryOptions({ queryKey: ['catalog', 'contributor', handle.toLowerCase()], queryFn: () => getContributor(handle), staleTime: 60_000 });

export const useContributor = (handle: string) => useQuery(getContributorQueryOptions(handle));
