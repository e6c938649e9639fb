import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { verifyKey } from './keys';
import type { LicenseVerification } from './types';

/** `GET /api/v1/licenses/verify/{code}`: public; 404 for a code that was never issued. */
export const verifyLicense = (code: string): Promise<LicenseVerification> =>
  unwrap(api.GET('/api/v1/licenses/verify/{code}', { params: { path: { code } } }));

export const verifyLicenseQueryOptions = (code: string) =>
  queryOptions({ queryKey: verifyKey(code), queryFn: () => verifyLicense(code), staleTime: 60_000 });

export const useVerifyLicense = (code: string) => useQuery(verifyLicenseQueryOptions(code));
