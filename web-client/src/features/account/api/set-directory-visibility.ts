import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { meQueryKey } from '@/lib/session/get-me';

/** `PUT /api/v1/me/directory` {visible}: opt in to (or out of) the member directory; returns the updated /me. */
export const setDirectoryVisibility = (visible: boolean) => unwrap(api.PUT('/api/v1/me/directory', { body: { visible } }));

export function useSetDirectoryVisibility() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setDirectoryVisibility,
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
