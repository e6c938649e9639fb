import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { reviewStatsQueryKey } from '../lib/query-keys';

export type ReviewStats = paths['/api/v1/review/stats']['get']['responses'][200]['content']['application/json'];

/** `GET /api/v1/review/stats`: public figures on how long review takes and how it ends. */
export const getReviewStats = () => unwrap(api.GET('/api/v1/review/stats'));

export const getReviewStatsQueryOptions = () =>
  queryOptions({ queryKey: reviewStatsQueryKey, queryFn: getReviewStats, staleTime: 60_000 });

export const useReviewStats = () => useQuery(getReviewStatsQueryOptions());
