import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { myReleasesQueryKey } from '../lib/query-keys';

type CreateRelease = paths['/api/v1/me/releases']['post'];
type CreateReleaseBody = NonNullable<CreateRelease['requestBody']>['content']['multipart/form-data'];

export type CreateReleaseInput = { file: File; kind: 'model' | 'property'; name: string };

/** `POST /api/v1/me/releases` (multipart: `file`, `kind`, `name`): 201 with the release; PDF or image. */
export const createRelease = (input: CreateReleaseInput) =>
  unwrap(
    api.POST('/api/v1/me/releases', {
      // The generated type describes the parts; the browser sends a File for the binary one.
      body: input as unknown as CreateReleaseBody,
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', input.file, input.file.name);
        form.append('kind', input.kind);
        form.append('name', input.name);
        return form;
      },
    }),
  );

export function useCreateRelease() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['uploads', 'create-release'],
    mutationFn: createRelease,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myReleasesQueryKey }),
  });
}
