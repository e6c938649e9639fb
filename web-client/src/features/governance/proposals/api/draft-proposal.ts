import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { proposalKey, proposalsKey } from './keys';
import type { Proposal, ProposalInput } from './types';

/** `POST /api/v1/proposals` (members): a new draft. */
export const draftProposal = (input: ProposalInput): Promise<Proposal> => unwrap(api.POST('/api/v1/proposals', { body: input }));

export function useDraftProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: draftProposal,
    onSuccess: (proposal) => {
      queryClient.setQueryData(proposalKey(proposal.id), proposal);
      return queryClient.invalidateQueries({ queryKey: [...proposalsKey, 'list'] });
    },
  });
}
