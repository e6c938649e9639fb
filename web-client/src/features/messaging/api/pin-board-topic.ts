import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { boardTopicKey, boardTopicsKey } from './keys';

/** `PUT /api/v1/board/topics/{id}/pin`: board members and admins pin or unpin a topic. */
export const pinBoardTopic = ({ topicId, pinned }: { topicId: string; pinned: boolean }) =>
  unwrap(api.PUT('/api/v1/board/topics/{id}/pin', { params: { path: { id: topicId } }, body: { pinned } }));

export function usePinBoardTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['messaging', 'pin-topic'],
    mutationFn: pinBoardTopic,
    onSuccess: (_topic, { topicId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: boardTopicKey(topicId) }),
        queryClient.invalidateQueries({ queryKey: boardTopicsKey }),
      ]),
  });
}
