import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { coopSettingsKey } from './keys';
import type { CoopSettings } from './types';

/** `GET /api/v1/coop/settings` (members): today's values, so a binding change reads "from → to". */
export const getCoopSettings = (): Promise<CoopSettings> => unwrap(api.GET('/api/v1/coop/settings'));

export const getCoopSettingsQueryOptions = () => queryOptions({ queryKey: coopSettingsKey, queryFn: getCoopSettings, staleTime: 60_000 });

export const useCoopSettings = () => useQuery(getCoopSettingsQueryOptions());
