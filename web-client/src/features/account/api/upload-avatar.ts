import { useMutation, useQueryClient } from '@tanstack/react-query';
import { postMultipart } from '@/api/upload';
import { myProfileKey } from './get-my-profile';

/** `POST /api/v1/me/profile/avatar`, field `file` (JPEG or PNG, ≤ 10 MB): cropped to a 256 px square by the server. */
export const uploadAvatar = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return postMultipart('/api/v1/me/profile/avatar', form).promise;
};

export function useUploadAvatar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadAvatar,
    onSuccess: (profile) => queryClient.setQueryData(myProfileKey, profile),
  });
}
