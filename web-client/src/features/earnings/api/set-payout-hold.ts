import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { payoutsKey } from './keys';
import type { Payouts } from './types';

/** `PUT /api/v1/me/payouts/hold` `{hold}`: a held member's balance stays with the co-op until released. */
export const setPayoutHold = (hold: boolean) => unwrap(api.PUT('/api/v1/me/payouts/hold', { body: { hold } }));

export function useSetPayoutHold() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setPayoutHold,
    onSuccess: (account) => {
      queryClient.setQueryData<Payouts>(payoutsKey, (old) => (old ? { ...old, account } : old));
      void queryClient.invalidateQueries({ queryKey: payoutsKey });
    },
  });
}
