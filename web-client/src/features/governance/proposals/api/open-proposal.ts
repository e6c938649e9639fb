import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { proposalKey, proposalsKey } from './keys';
import type { Proposal } from './types';

/** `POST /api/v1/proposals/{id}/open` (board or admin): puts a draft to the vote now, until the close the draft names. */
export const openProposal = (id: string): Promise<Proposal> =>
  unwrap(api.POST('/api/v1/proposals/{id}/open', { params: { path: { id } }, body: {} }));

export function useOpenProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: openProposal,
    onSuccess: (proposal) => {
      queryClient.setQueryData(proposalKey(proposal.id), proposal);
      return queryClient.invalidateQueries({ queryKey: [...proposalsKey, 'list'] });
    },
  });
}
