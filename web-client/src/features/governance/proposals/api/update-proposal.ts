import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { proposalKey, proposalsKey } from './keys';
import type { Proposal, ProposalInput } from './types';

/** `PUT /api/v1/proposals/{id}` (its author or the board, while it is a draft). */
export const updateProposal = ({ id, input }: { id: string; input: ProposalInput }): Promise<Proposal> =>
  unwrap(api.PUT('/api/v1/proposals/{id}', { params: { path: { id } }, body: input }));

export function useUpdateProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProposal,
    onSuccess: (proposal) => {
      queryClient.setQueryData(proposalKey(proposal.id), proposal);
      return queryClient.invalidateQueries({ queryKey: [...proposalsKey, 'list'] });
    },
  });
}
