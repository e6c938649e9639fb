import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { proposalKey, proposalsKey } from './keys';
import type { Proposal } from './types';

/** `POST /api/v1/proposals/{id}/withdraw` (its author or the board; a draft or an open proposal). */
export const withdrawProposal = (id: string): Promise<Proposal> =>
  unwrap(api.POST('/api/v1/proposals/{id}/withdraw', { params: { path: { id } } }));

export function useWithdrawProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: withdrawProposal,
    onSuccess: (proposal) => {
      queryClient.setQueryData(proposalKey(proposal.id), proposal);
      return queryClient.invalidateQueries({ queryKey: [...proposalsKey, 'list'] });
    },
  });
}
