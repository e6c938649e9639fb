import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { reviewReasonsQueryKey } from '../lib/query-keys';

type ListReviewReasons = paths['/api/v1/review/reasons']['get'];
export type ReviewReason = ListReviewReasons['responses'][200]['content']['application/json']['items'][number];

/** `GET /api/v1/review/reasons`: the catalogue of reason codes; each says which outcomes it applies to. */
export const listReviewReasons = () => unwrap(api.GET('/api/v1/review/reasons'));

export const listReviewReasonsQueryOptions = () =>
  queryOptions({
    queryKey: reviewReasonsQueryKey,
    queryFn: listReviewReasons,
    // The catalogue changes rarely; one fetch per session is plenty.
    staleTime: 60 * 60_000,
    select: (data) => data.items,
  });

export const useReviewReasons = () => useQuery(listReviewReasonsQueryOptions());
