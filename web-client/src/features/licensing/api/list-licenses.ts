import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { licensesKey } from './keys';
import type { License } from './types';

/** `GET /api/v1/me/licenses`: every licence the buyer holds, revoked and superseded ones included. */
export const listLicenses = async (): Promise<License[]> => (await unwrap(api.GET('/api/v1/me/licenses'))).items;

export const listLicensesQueryOptions = () => queryOptions({ queryKey: licensesKey, queryFn: listLicenses });

export const useLicenses = () => useQuery(listLicensesQueryOptions());

/** Links the browser opens itself (new tab, file download), so they are plain URLs, not fetches. */
export const certificateUrl = (id: string) => `/api/v1/me/licenses/${encodeURIComponent(id)}/certificate`;
export const certificatePdfUrl = (id: string) => `/api/v1/me/licenses/${encodeURIComponent(id)}/certificate.pdf`;
export const licensesCsvUrl = '/api/v1/me/licenses.csv';
