import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { untypedApi } from '@/api/provisional';
import { payoutsKey } from './keys';
import type { Payouts } from './types';

/** `PUT /api/v1/me/payouts/hold` `{hold}`: a held member's balance stays with the co-op until released. */
export const setPayoutHold = (hold: boolean) => unwrap(untypedApi.PUT('/api/v1/me/payouts/hold', { body: { hold } }));

export function useSetPayoutHold() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setPayoutHold,
    onSuccess: (_data, hold) => {
      queryClient.setQueryData<Payouts>(payoutsKey, (old) => (old ? { ...old, account: { ...old.account, holdPayouts: hold } } : old));
      void queryClient.invalidateQueries({ queryKey: payoutsKey });
    },
  });
}
