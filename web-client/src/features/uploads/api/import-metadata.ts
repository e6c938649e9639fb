import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { myAssetsQueryKey } from '../lib/query-keys';

type ImportMetadata = paths['/api/v1/me/assets/import-metadata']['post'];
type ImportMetadataBody = NonNullable<ImportMetadata['requestBody']>['content']['multipart/form-data'];
export type ImportResult = ImportMetadata['responses'][200]['content']['application/json'];

/**
 * `POST /api/v1/me/assets/import-metadata` (multipart field `file`, a CSV keyed by filename): 200 with
 * how many assets were updated and one error per rejected row.
 */
export const importMetadata = (file: File) =>
  unwrap(
    api.POST('/api/v1/me/assets/import-metadata', {
      body: { file } as unknown as ImportMetadataBody,
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file, file.name);
        return form;
      },
    }),
  );

export function useImportMetadata() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['uploads', 'import-metadata'],
    mutationFn: importMetadata,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myAssetsQueryKey }),
  });
}
