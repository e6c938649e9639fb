import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { meetingKey, meetingsKey } from './settings-types';

/** `PUT /api/v1/coop/meetings/{id}/minutes` (board and admins): Markdown; members are told the first time. */
export const publishMinutes = ({ id, minutes }: { id: string; minutes: string }) =>
  unwrap(api.PUT('/api/v1/coop/meetings/{id}/minutes', { params: { path: { id } }, body: { minutes } }));

export function usePublishMinutes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: publishMinutes,
    onSuccess: async (meeting) => {
      queryClient.setQueryData(meetingKey(meeting.id), meeting);
      await queryClient.invalidateQueries({ queryKey: meetingsKey, exact: true });
    },
  });
}
