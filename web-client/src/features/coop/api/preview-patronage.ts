import { useMutation } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { Money } from './types';

/** `GET /api/v1/admin/patronage/{year}/preview?amount=&currency=` (admins): the allocation a pool would make, nothing posted. */
export const previewPatronage = ({ year, pool }: { year: number; pool: Money }) =>
  unwrap(api.GET('/api/v1/admin/patronage/{year}/preview', { params: { path: { year }, query: { amount: pool.amount, currency: pool.currency } } }));

export const usePreviewPatronage = () => useMutation({ mutationFn: previewPatronage });
