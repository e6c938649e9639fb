import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { untypedApi } from '@/api/provisional';
import { patronageKey } from './keys';
import type { Patronage } from './types';

/** `GET /api/v1/me/patronage`: this year's live estimate and the notices of allocation of past years. */
export const getMyPatronage = async (): Promise<Patronage> => (await unwrap(untypedApi.GET('/api/v1/me/patronage'))) as Patronage;

export const getMyPatronageQueryOptions = () => queryOptions({ queryKey: patronageKey, queryFn: getMyPatronage });

export const useMyPatronage = () => useQuery(getMyPatronageQueryOptions());
