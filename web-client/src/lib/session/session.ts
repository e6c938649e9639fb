import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { refreshAntiforgeryToken } from '@/api/client';
import { meQueryKey, type Me } from './get-me';

/**
 * Called when the session changes. The antiforgery token is bound to the user, so it is fetched
 * again each time; data cached for the previous user is dropped.
 */
export function useSession() {
  const queryClient = useQueryClient();

  const signedIn = useCallback(
    (me: Me) => {
      void refreshAntiforgeryToken().catch(() => undefined);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, me);
    },
    [queryClient],
  );

  const signedOut = useCallback(() => {
    void refreshAntiforgeryToken().catch(() => undefined);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    queryClient.setQueryData(meQueryKey, null);
  }, [queryClient]);

  return useMemo(() => ({ signedIn, signedOut }), [signedIn, signedOut]);
}
