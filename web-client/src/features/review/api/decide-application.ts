import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { reviewApplicationsQueryKey } from '../lib/query-keys';

type DecideApplication = paths['/api/v1/review/applications/{id}/decision']['post'];
export type ApplicationDecisionResult = DecideApplication['responses'][200]['content']['application/json'];
export type ApplicationVote = 'approve' | 'decline';
export type ApplicationDecisionInput = { applicationId: string; vote: ApplicationVote; reason?: string; note?: string };

const orNull = (text: string | undefined) => (text === undefined || text.trim() === '' ? null : text.trim());

/**
 * `POST /api/v1/review/applications/{id}/decision`: one editor's vote. A decline needs a reason.
 * 403 for the editor's own application, 409 when they already voted or it was already decided.
 */
export const decideApplication = ({ applicationId, vote, reason, note }: ApplicationDecisionInput) =>
  unwrap(
    api.POST('/api/v1/review/applications/{id}/decision', {
      params: { path: { id: applicationId } },
      body:
        vote === 'approve'
          ? { vote, ...(orNull(note) ? { note: orNull(note) } : {}) }
          : { vote, reason: orNull(reason), ...(orNull(note) ? { note: orNull(note) } : {}) },
    }),
  );

export function useDecideApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['review', 'decide-application'],
    mutationFn: decideApplication,
    // Whatever happened (voted, already voted, decided elsewhere), the list is refetched.
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewApplicationsQueryKey }),
  });
}
