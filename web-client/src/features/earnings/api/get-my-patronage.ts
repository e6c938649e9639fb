import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { patronageKey } from './keys';
import type { Patronage } from './types';

/** `GET /api/v1/me/patronage`: this year's live estimate and the notices of allocation of past years. */
export const getMyPatronage = (): Promise<Patronage> => unwrap(api.GET('/api/v1/me/patronage'));

export const getMyPatronageQueryOptions = () => queryOptions({ queryKey: patronageKey, queryFn: getMyPatronage });

export const useMyPatronage = () => useQuery(getMyPatronageQueryOptions());
