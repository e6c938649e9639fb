import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { threadsKey, unreadKey } from './keys';

/** `POST /api/v1/threads/{id}/read`: everything in the private thread so far is read; 204. */
export const markThreadRead = (id: string) => unwrap(api.POST('/api/v1/threads/{id}/read', { params: { path: { id } } }));

export function useMarkThreadRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['messaging', 'mark-read'],
    mutationFn: markThreadRead,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: unreadKey }), queryClient.invalidateQueries({ queryKey: threadsKey })]),
  });
}
