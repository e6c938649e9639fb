import { Navigate, Outlet, useLocation } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { useMe } from '@/lib/session/get-me';

/** Pages below this need a session; without one the user is sent to sign in and brought back. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <Spinner label="Checking your session…" />;
  if (me.isError) return <Alert title="Could not check your session">{me.error.message}</Alert>;
  if (!me.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}
