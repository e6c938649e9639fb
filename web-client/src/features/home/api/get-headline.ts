import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { untypedApi } from '@/api/provisional';

export type Headline = { year: number; royaltiesPaid: { amount: number; currency: string }; contributors: number };

/** `GET /api/v1/coop/headline` (public, cacheable): royalties paid to photographers this year. */
export const getHeadline = async (): Promise<Headline> => (await unwrap(untypedApi.GET('/api/v1/coop/headline'))) as Headline;

export const getHeadlineQueryOptions = () =>
  queryOptions({ queryKey: ['coop', 'headline'], queryFn: getHeadline, staleTime: 10 * 60_000, retry: false });

export const useHeadline = () => useQuery(getHeadlineQueryOptions());
