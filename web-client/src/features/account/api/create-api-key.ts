import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { myApiKeysKey } from './list-my-api-keys';

export type CreateApiKeyInput = NonNullable<paths['/api/v1/me/api-keys']['post']['requestBody']>['content']['application/json'];
export type CreatedApiKey = paths['/api/v1/me/api-keys']['post']['responses'][201]['content']['application/json'];

/**
 * `POST /api/v1/me/api-keys`: the answer holds the full key, the only time it is ever sent.
 * 400 with field errors (name, unknown scopes); 403 when a scope needs the contributor role; 409 at 25 active keys.
 */
export const createApiKey = (body: CreateApiKeyInput) => unwrap(api.POST('/api/v1/me/api-keys', { body }));

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: myApiKeysKey }),
  });
}
