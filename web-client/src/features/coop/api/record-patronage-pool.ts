import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { adminPatronageKey } from './keys';
import type { Money } from './types';

export type RecordPoolInput = { year: number; pool: Money; decidedBy?: string };

/** `POST /api/v1/admin/patronage/{year}` (admins), once per year (409 the second time): allocates the pool to members. */
export const recordPatronagePool = ({ year, pool, decidedBy }: RecordPoolInput) =>
  unwrap(api.POST('/api/v1/admin/patronage/{year}', { params: { path: { year } }, body: { pool, ...(decidedBy ? { decidedBy } : {}) } }));

export function useRecordPatronagePool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordPatronagePool,
    onSuccess: (allocation, input) => queryClient.setQueryData(adminPatronageKey(input.year), allocation),
  });
}
