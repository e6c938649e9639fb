import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { boardTopicsKey } from './keys';

/** `POST /api/v1/board/topics`: a new topic; an announcement (board/admin only) is pinned and notifies every member. */
export const startBoardTopic = (body: { title: string; body: string; announcement?: boolean }) =>
  unwrap(api.POST('/api/v1/board/topics', { body }));

export function useStartBoardTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['messaging', 'start-topic'],
    mutationFn: startBoardTopic,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: boardTopicsKey }),
  });
}
