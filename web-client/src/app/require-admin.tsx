import { Outlet } from 'react-router';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useMe } from '@/lib/session/get-me';

/** Below RequireAuth: co-op staff pages. Others get an explanation instead of refused requests. */
export function RequireAdmin() {
  const me = useMe();
  if (me.isPending) return <Spinner label="Checking your session…" />;
  if (me.data?.roles.includes('admin')) return <Outlet />;
  return (
    <div className="notice-page">
      <PageHeading title="For admins">This page is for the co-op&apos;s admins</PageHeading>
      <p>Your account does not have the admin role.</p>
    </div>
  );
}
