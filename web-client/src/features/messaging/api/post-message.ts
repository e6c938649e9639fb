import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { threadKey, threadsKey } from './keys';

/** `POST /api/v1/threads/{id}/messages`: a reply in a private thread; 201 with the message. */
export const postMessage = ({ threadId, body }: { threadId: string; body: string }) =>
  unwrap(api.POST('/api/v1/threads/{id}/messages', { params: { path: { id: threadId } }, body: { body } }));

export function usePostMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['messaging', 'post-message'],
    mutationFn: postMessage,
    onSuccess: (_message, { threadId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: threadKey(threadId) }),
        queryClient.invalidateQueries({ queryKey: threadsKey }),
      ]),
  });
}
