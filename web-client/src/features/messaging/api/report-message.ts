import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { messagingKey } from './keys';

/** `POST /api/v1/messages/{id}/reports`: the message is hidden at once, pending the admins' review. */
export const reportMessage = ({ messageId, reason }: { messageId: string; reason: string }) =>
  unwrap(api.POST('/api/v1/messages/{id}/reports', { params: { path: { id: messageId } }, body: { reason } }));

export function useReportMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['messaging', 'report'],
    mutationFn: reportMessage,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messagingKey }),
  });
}
