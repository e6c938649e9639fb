import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import type { components } from '@/api/schema';

export type Headline = components['schemas']['CoopHeadline'];

/** `GET /api/v1/coop/headline` (public, cacheable): royalties paid to photographers this year. */
export const getHeadline = (): Promise<Headline> => unwrap(api.GET('/api/v1/coop/headline'));

export const getHeadlineQueryOptions = () =>
  queryOptions({ queryKey: ['coop', 'headline'], queryFn: getHeadline, staleTime: 10 * 60_000, retry: false });

export const useHeadline = () => useQuery(getHeadlineQueryOptions());
