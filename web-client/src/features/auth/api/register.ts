import { useMutation } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { useSession } from '@/lib/session/session';

type Register = paths['/api/v1/auth/register']['post'];
export type RegisterInput = NonNullable<Register['requestBody']>['content']['application/json'];

/** Creates the account and signs it in: 201 with the user; 400 field errors; 409 email taken. */
export const register = (body: RegisterInput) => unwrap(api.POST('/api/v1/auth/register', { body }));

export const registerMutationOptions = { mutationKey: ['auth', 'register'], mutationFn: register } as const;

export function useRegister() {
  const session = useSession();
  return useMutation({ ...registerMutationOptions, onSuccess: (me) => session.signedIn(me) });
}
