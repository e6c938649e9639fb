import { postMultipart, type MultipartResult, type UploadHandle, type UploadProgress } from '@/api/upload';

/** `POST /api/v1/membership/samples`: one photo per request, field `file`; checked like any upload and kept private. */
export function uploadSample(file: File, onProgress: (progress: UploadProgress) => void): UploadHandle<MultipartResult<'/api/v1/membership/samples'>> {
  const form = new FormData();
  form.append('file', file, file.name);
  return postMultipart('/api/v1/membership/samples', form, { onProgress });
}
