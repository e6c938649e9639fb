import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { settingsKey, type CoopSettings } from './settings-types';

/** `GET /api/v1/coop/settings` (members): the settings in force, licence prices and the patronage pools set. */
export const getCoopSettings = (): Promise<CoopSettings> => unwrap(api.GET('/api/v1/coop/settings'));

export const getCoopSettingsQueryOptions = () => queryOptions({ queryKey: settingsKey, queryFn: getCoopSettings });

export const useCoopSettings = () => useQuery(getCoopSettingsQueryOptions());
