import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { untypedApi } from '@/api/provisional';
import { normaliseAllocation } from './get-patronage-allocation';
import { adminPatronageKey } from './keys';
import type { Money } from './types';

export type RecordPoolInput = { year: number; pool: Money; decidedBy?: string };

/** `POST /api/v1/admin/patronage/{year}` (admins), once per year (409 the second time): allocates the pool to members. */
export const recordPatronagePool = async ({ year, pool, decidedBy }: RecordPoolInput) =>
  normaliseAllocation(
    await unwrap(
      untypedApi.POST('/api/v1/admin/patronage/{year}', {
        params: { path: { year } },
        body: { pool, ...(decidedBy ? { decidedBy } : {}) },
      }),
    ),
  );

export function useRecordPatronagePool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordPatronagePool,
    onSuccess: (allocation, input) => queryClient.setQueryData(adminPatronageKey(input.year), allocation),
  });
}
