import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { reviewQueueQueryKey } from '../lib/query-keys';

type GetReviewQueue = paths['/api/v1/review/queue']['get'];
export type QueuePage = GetReviewQueue['responses'][200]['content']['application/json'];
export type QueueItem = QueuePage['items'][number];

/** Narrowing to one contributor or one submitted batch carries a label for the chip that undoes it. */
export type QueueFilters = {
  flagged: boolean;
  editorialOnly: boolean;
  missingRelease: boolean;
  contributor?: { id: string; name: string };
  batch?: { id: string; label: string };
};

export const NO_FILTERS: QueueFilters = { flagged: false, editorialOnly: false, missingRelease: false };

/** How many items the desk loads at once; decisions shrink the list, so this is a working set. */
export const QUEUE_LIMIT = 50;

/**
 * `GET /api/v1/review/queue?flagged=&editorialOnly=&missingRelease=&contributor=&batch=&limit=`: assets waiting for a decision,
 * oldest first (appeals included), never the editor's own work. A filter that is off is not sent,
 * so the server does not narrow by it.
 */
export const getReviewQueue = ({ flagged, editorialOnly, missingRelease, contributor, batch }: QueueFilters) =>
  unwrap(
    api.GET('/api/v1/review/queue', {
      params: {
        query: {
          flagged: flagged || undefined,
          editorialOnly: editorialOnly || undefined,
          missingRelease: missingRelease || undefined,
          contributor: contributor?.id,
          batch: batch?.id,
          limit: QUEUE_LIMIT,
        },
      },
    }),
  );

export const reviewQueueListKey = (filters: QueueFilters) => [...reviewQueueQueryKey, 'list', filters] as const;

export const getReviewQueueQueryOptions = (filters: QueueFilters) =>
  queryOptions({
    queryKey: reviewQueueListKey(filters),
    queryFn: () => getReviewQueue(filters),
  });

export const useReviewQueue = (filters: QueueFilters) => useQuery(getReviewQueueQueryOptions(filters));
