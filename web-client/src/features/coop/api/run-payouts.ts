import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { adminPayoutsKey } from './keys';

/** `POST /api/v1/admin/payouts/run` (admins): starts the monthly payout run now. */
export const runPayouts = () => unwrap(api.POST('/api/v1/admin/payouts/run'));

export function useRunPayouts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runPayouts,
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminPayoutsKey }),
  });
}
