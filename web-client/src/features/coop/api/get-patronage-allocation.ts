import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/problem';
import { adminPatronageKey } from './keys';
import type { PatronageAllocation } from './types';

/** `GET /api/v1/admin/patronage/{year}` (admins): the year's recorded pool and its allocation; null when not recorded yet. */
export async function getPatronageAllocation(year: number): Promise<PatronageAllocation | null> {
  try {
    return await unwrap(api.GET('/api/v1/admin/patronage/{year}', { params: { path: { year } } }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const getPatronageAllocationQueryOptions = (year: number) =>
  queryOptions({ queryKey: adminPatronageKey(year), queryFn: () => getPatronageAllocation(year) });

export const usePatronageAllocation = (year: number) => useQuery(getPatronageAllocationQueryOptions(year));
