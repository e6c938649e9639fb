import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { boardTopicsKey, unreadKey } from './keys';

/** `POST /api/v1/board/topics/{id}/read`: every post of the topic so far is read; 204. */
export const markBoardTopicRead = (id: string) => unwrap(api.POST('/api/v1/board/topics/{id}/read', { params: { path: { id } } }));

export function useMarkBoardTopicRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['messaging', 'mark-topic-read'],
    mutationFn: markBoardTopicRead,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: unreadKey }), queryClient.invalidateQueries({ queryKey: boardTopicsKey })]),
  });
}
