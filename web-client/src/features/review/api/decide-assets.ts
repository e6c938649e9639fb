import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { reviewStatsQueryKey } from '../lib/query-keys';
import { removeFromQueues, type Outcome } from './decide-asset';

type DecideAssets = paths['/api/v1/review/decisions']['post'];
export type BatchDecisionResult = DecideAssets['responses'][200]['content']['application/json'];
export type BatchDecisionInput = { assetIds: string[]; outcome: Outcome; reasonCodes: string[]; note: string };

/**
 * `POST /api/v1/review/decisions`: one outcome (and reasons) for several assets. Each is decided
 * on its own: `decided` lists the ones that went through, `failed` the rest with their status
 * (403 own work, 409 already decided, …) and the reason.
 */
export const decideAssets = ({ assetIds, outcome, reasonCodes, note }: BatchDecisionInput) =>
  unwrap(
    api.POST('/api/v1/review/decisions', {
      body: { assetIds, outcome, reasonCodes, note: note.trim() === '' ? null : note.trim() },
    }),
  );

export function useDecideAssets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['review', 'decide-assets'],
    mutationFn: decideAssets,
    onSuccess: (result) => {
      // Decided here or already decided elsewhere: either way no longer waiting.
      const gone = [...result.decided.map((d) => d.assetId), ...result.failed.filter((f) => f.status === 409).map((f) => f.assetId)];
      removeFromQueues(queryClient, gone);
      void queryClient.invalidateQueries({ queryKey: reviewStatsQueryKey });
    },
  });
}
