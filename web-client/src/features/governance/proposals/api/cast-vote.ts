import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { proposalKey } from './keys';

/** `PUT /api/v1/proposals/{id}/votes/me` (eligible members, while open): casts my vote or replaces it. */
export const castVote = ({ id, optionIds }: { id: string; optionIds: string[] }) =>
  unwrap(api.PUT('/api/v1/proposals/{id}/votes/me', { params: { path: { id } }, body: { optionIds } }));

export function useCastVote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: castVote,
    // The proposal carries my vote and the turnout; fetch it again rather than guess the new counts.
    onSettled: (_data, _error, { id }) => queryClient.invalidateQueries({ queryKey: proposalKey(id) }),
  });
}
