import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { UploadQueue, type UploadFn } from './upload-queue';
import { myAssetsQueryKey } from './query-keys';

/** One queue per mounted page; leaving the page cancels what is still uploading. */
export function useUploadQueue(upload: UploadFn, options?: { concurrency?: number; maxBytes?: number }) {
  const [queue] = useState(() => new UploadQueue(upload, options));
  const items = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const queryClient = useQueryClient();
  const doneCount = items.filter((i) => i.status === 'done').length;

  useEffect(() => () => queue.dispose(), [queue]);

  // New assets belong in the portfolio the next time it is shown.
  useEffect(() => {
    if (doneCount > 0) void queryClient.invalidateQueries({ queryKey: myAssetsQueryKey });
  }, [doneCount, queryClient]);

  return { queue, items };
}
