import { useMutation } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { DownloadLink } from './types';

/** `POST /api/v1/me/licenses/{id}/download`: a link valid for a few minutes; asked for at each click. */
export const downloadLicense = (id: string): Promise<DownloadLink> =>
  unwrap(api.POST('/api/v1/me/licenses/{id}/download', { params: { path: { id } } }));

export const useDownloadLicense = () => useMutation({ mutationFn: downloadLicense });
