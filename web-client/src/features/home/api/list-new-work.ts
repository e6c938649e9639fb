import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

export const NEW_WORK_LIMIT = 20;

/** `GET /api/v1/assets?sort=newest`: the latest published photos for the home page. */
export const listNewWork = () =>
  unwrap(api.GET('/api/v1/assets', { params: { query: { sort: 'newest', limit: NEW_WORK_LIMIT } } }));

export const listNewWorkQueryOptions = () =>
  queryOptions({ queryKey: ['home', 'new-work'], queryFn: listNewWork, staleTime: 60_000 });

export const useNewWork = () => useQuery(listNewWorkQueryOptions());
