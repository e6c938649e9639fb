import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { meQueryKey } from '@/lib/session/get-me';
import { myProfileKey } from './get-my-profile';

export type UpdateMyProfileInput = NonNullable<paths['/api/v1/me/profile']['put']['requestBody']>['content']['application/json'];

/** `PUT /api/v1/me/profile`: 400 with field errors (handle format, reserved, lengths); 409 when the handle is taken. */
export const updateMyProfile = (body: UpdateMyProfileInput) => unwrap(api.PUT('/api/v1/me/profile', { body }));

export function useUpdateMyProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMyProfile,
    onSuccess: (profile) => {
      queryClient.setQueryData(myProfileKey, profile);
      // The header shows the display name from the session.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
