import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { settingsKey, settingsHistoryKey, type SettingsChange } from './settings-types';

export type ChangeSettingsInput = { change: SettingsChange; reason: string };

/** `POST /api/v1/coop/settings/changes` (admins): a change without a vote; the reason is required and sent to every member. */
export const changeCoopSettings = (input: ChangeSettingsInput) => unwrap(api.POST('/api/v1/coop/settings/changes', { body: input }));

export function useChangeCoopSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeCoopSettings,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: settingsKey, exact: true }),
        queryClient.invalidateQueries({ queryKey: settingsHistoryKey }),
      ]);
    },
  });
}
