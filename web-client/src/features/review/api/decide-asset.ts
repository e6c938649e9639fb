import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { reviewQueueQueryKey, reviewStatsQueryKey } from '../lib/query-keys';
import type { QueuePage } from './get-review-queue';

type DecideAsset = paths['/api/v1/review/assets/{id}/decision']['post'];
export type DecisionResult = DecideAsset['responses'][200]['content']['application/json'];
export type Outcome = 'publish' | 'send_back' | 'decline';
export type DecisionInput = { assetId: string; outcome: Outcome; reasonCodes: string[]; note: string };

/**
 * `POST /api/v1/review/assets/{id}/decision`: publishes, sends back or declines one asset. 403 for
 * the editor's own work (or an appeal of their own decline), 409 when it is no longer waiting
 * (someone else decided it first), 400 for missing or unknown reason codes.
 */
export const decideAsset = ({ assetId, outcome, reasonCodes, note }: DecisionInput) =>
  unwrap(
    api.POST('/api/v1/review/assets/{id}/decision', {
      params: { path: { id: assetId } },
      body: { outcome, reasonCodes, note: note.trim() === '' ? null : note.trim() },
    }),
  );

/** Drops decided assets from every cached queue list, so the desk moves on without a refetch. */
export function removeFromQueues(queryClient: ReturnType<typeof useQueryClient>, assetIds: string[]) {
  const gone = new Set(assetIds);
  queryClient.setQueriesData<QueuePage>({ queryKey: [...reviewQueueQueryKey, 'list'] }, (page) => {
    if (!page) return page;
    const items = page.items.filter((i) => !gone.has(i.assetId));
    return { ...page, items, total: Math.max(0, page.total - (page.items.length - items.length)) };
  });
}

export function useDecideAsset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['review', 'decide-asset'],
    mutationFn: decideAsset,
    onSuccess: (result) => {
      removeFromQueues(queryClient, [result.assetId]);
      void queryClient.invalidateQueries({ queryKey: reviewStatsQueryKey });
    },
    onError: (error, input) => {
      // Already decided elsewhere: it is not waiting any more, so it leaves the desk too.
      if (error instanceof ApiError && error.status === 409) removeFromQueues(queryClient, [input.assetId]);
    },
  });
}
