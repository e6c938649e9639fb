import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { reviewQueueQueryKey } from '../lib/query-keys';

/**
 * `POST /api/v1/review/claims`: takes the oldest unclaimed waiting photos for this editor for 30
 * minutes, so two editors never review the same ones.
 */
export const claimReviewBatch = (count: number) => unwrap(api.POST('/api/v1/review/claims', { body: { count } }));

export function useClaimReviewBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['review', 'claim'],
    mutationFn: claimReviewBatch,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewQueueQueryKey }),
  });
}
