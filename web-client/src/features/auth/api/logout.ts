import { useMutation } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/problem';
import { useSession } from '@/lib/session/session';

/** Ends the session (204). A 401 means it had already ended, which is what the user wanted. */
export async function logout(): Promise<void> {
  try {
    await unwrap(api.POST('/api/v1/auth/logout'));
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
}

export const logoutMutationOptions = { mutationKey: ['auth', 'logout'], mutationFn: logout } as const;

/**
 * `leave` runs before the session is cleared, so the caller can navigate away from a page that
 * needs a session before that page reacts by redirecting to sign-in.
 */
export function useLogout({ leave }: { leave?: () => void | Promise<void> } = {}) {
  const session = useSession();
  return useMutation({
    ...logoutMutationOptions,
    onSuccess: async () => {
      await leave?.();
      session.signedOut();
    },
  });
}
