import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { myAssetsQueryKey } from '../lib/query-keys';

/** `POST /api/v1/me/assets/submit`: submits the complete ones, and says for each other one what is missing. */
export const submitMyAssets = (assetIds: string[]) =>
  unwrap(api.POST('/api/v1/me/assets/submit', { body: { assetIds } }));

export function useSubmitMyAssets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['uploads', 'submit-assets'],
    mutationFn: submitMyAssets,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myAssetsQueryKey }),
  });
}
