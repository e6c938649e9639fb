import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { boardTopicKey, boardTopicsKey } from './keys';

/** `POST /api/v1/board/topics/{id}/replies`: a reply on the members' board; 201 with the message. */
export const replyToBoardTopic = ({ topicId, body }: { topicId: string; body: string }) =>
  unwrap(api.POST('/api/v1/board/topics/{id}/replies', { params: { path: { id: topicId } }, body: { body } }));

export function useReplyToBoardTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['messaging', 'reply-topic'],
    mutationFn: replyToBoardTopic,
    onSuccess: (_message, { topicId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: boardTopicKey(topicId) }),
        queryClient.invalidateQueries({ queryKey: boardTopicsKey }),
      ]),
  });
}
