import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { myNotificationsQueryKey } from './get-my-notifications';

/** `POST /api/v1/me/notifications/read`: marks the given ones, or all, as read (only ever the caller's own). */
export const markNotificationsRead = (body: { ids?: string[]; all?: boolean }) =>
  unwrap(api.POST('/api/v1/me/notifications/read', { body }));

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['notifications', 'read'],
    mutationFn: markNotificationsRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myNotificationsQueryKey }),
  });
}
