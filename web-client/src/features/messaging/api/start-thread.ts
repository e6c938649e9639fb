import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { StartThreadRequest } from './types';
import { messagingKey } from './keys';

/** `POST /api/v1/threads`: a question or a commission request to a contributor; 201 with the new thread. */
export const startThread = (body: StartThreadRequest) => unwrap(api.POST('/api/v1/threads', { body }));

export function useStartThread() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['messaging', 'start-thread'],
    mutationFn: startThread,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messagingKey }),
  });
}
