import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { reportsKey } from './keys';

/** `POST /api/v1/admin/reports/{id}/decision`: `remove` keeps the message hidden for good, `restore` shows it again. */
export const decideMessageReport = ({ reportId, outcome, note }: { reportId: string; outcome: 'remove' | 'restore'; note?: string }) =>
  unwrap(api.POST('/api/v1/admin/reports/{id}/decision', { params: { path: { id: reportId } }, body: { outcome, note } }));

export function useDecideMessageReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['messaging', 'decide-report'],
    mutationFn: decideMessageReport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportsKey }),
  });
}
