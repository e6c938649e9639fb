import { postMultipart, type MultipartResult, type UploadHandle, type UploadProgress } from '@/api/upload';

/** `POST /api/v1/uploads`: one file per request, field `file`; 201 with the new asset (processing). */
export function uploadAsset(file: File, onProgress: (progress: UploadProgress) => void): UploadHandle<MultipartResult<'/api/v1/uploads'>> {
  const form = new FormData();
  form.append('file', file, file.name);
  return postMultipart('/api/v1/uploads', form, { onProgress });
}
