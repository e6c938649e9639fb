import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { messagingKey } from './keys';

/** `PUT /api/v1/me/blocks/{userId}`: they can no longer write to me, nor I to them. */
export const blockUser = (userId: string) => unwrap(api.PUT('/api/v1/me/blocks/{userId}', { params: { path: { userId } } }));

export function useBlockUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['messaging', 'block'],
    mutationFn: blockUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messagingKey }),
  });
}
