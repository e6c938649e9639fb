import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { messagingKey } from './keys';

/** `DELETE /api/v1/me/blocks/{userId}`. */
export const unblockUser = (userId: string) => unwrap(api.DELETE('/api/v1/me/blocks/{userId}', { params: { path: { userId } } }));

export function useUnblockUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['messaging', 'unblock'],
    mutationFn: unblockUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messagingKey }),
  });
}
