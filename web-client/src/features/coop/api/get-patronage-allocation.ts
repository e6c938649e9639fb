import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, unwrap } from '@/api/problem';
import { untypedApi } from '@/api/provisional';
import { adminPatronageKey } from './keys';
import type { PatronageAllocation } from './types';

/** `GET /api/v1/admin/patronage/{year}` (admins): the year's recorded pool and its allocation; null when not recorded yet. */
export async function getPatronageAllocation(year: number): Promise<PatronageAllocation | null> {
  try {
    return normaliseAllocation(await unwrap(untypedApi.GET('/api/v1/admin/patronage/{year}', { params: { path: { year } } })));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The brief leaves the list's name open ("→ allocation"): `lines`, `allocations` or `members`. */
export function normaliseAllocation(data: unknown): PatronageAllocation {
  const record = (data ?? {}) as Partial<PatronageAllocation> & { allocations?: PatronageAllocation['lines']; members?: PatronageAllocation['lines'] };
  return { ...(record as PatronageAllocation), lines: record.lines ?? record.allocations ?? record.members ?? [] };
}

export const getPatronageAllocationQueryOptions = (year: number) =>
  queryOptions({ queryKey: adminPatronageKey(year), queryFn: () => getPatronageAllocation(year) });

export const usePatronageAllocation = (year: number) => useQuery(getPatronageAllocationQueryOptions(year));
