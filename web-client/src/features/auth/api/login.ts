import { useMutation } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { useSession } from '@/lib/session/session';

type Login = paths['/api/v1/auth/login']['post'];
export type LoginInput = NonNullable<Login['requestBody']>['content']['application/json'];

/** Signs in: 200 with the user; 401 wrong email or password; 429 (Retry-After) when throttled or locked. */
export const login = (body: LoginInput) => unwrap(api.POST('/api/v1/auth/login', { body }));

export const loginMutationOptions = { mutationKey: ['auth', 'login'], mutationFn: login } as const;

export function useLogin() {
  const session = useSession();
  return useMutation({ ...loginMutationOptions, onSuccess: (me) => session.signedIn(me) });
}
