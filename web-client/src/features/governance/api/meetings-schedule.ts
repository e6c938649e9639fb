import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { meetingKey, meetingsKey, type ScheduleMeetingInput } from './settings-types';

/** `POST /api/v1/coop/meetings` (board and admins). */
export const scheduleMeeting = (body: ScheduleMeetingInput) => unwrap(api.POST('/api/v1/coop/meetings', { body }));

export function useScheduleMeeting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: scheduleMeeting,
    onSuccess: async (meeting) => {
      queryClient.setQueryData(meetingKey(meeting.id), meeting);
      await queryClient.invalidateQueries({ queryKey: meetingsKey, exact: true });
    },
  });
}
