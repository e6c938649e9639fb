import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { myApiKeysKey } from './list-my-api-keys';

/** `DELETE /api/v1/me/api-keys/{id}`: the key stops working at once; 404 when it is not one of yours. */
export const revokeApiKey = (id: string) => unwrap(api.DELETE('/api/v1/me/api-keys/{id}', { params: { path: { id } } }));

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: myApiKeysKey }),
  });
}
