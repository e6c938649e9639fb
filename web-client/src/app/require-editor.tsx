import { Link, Outlet } from 'react-router';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useMe, type Me } from '@/lib/session/get-me';

export const EDITOR_ROLES = ['editor', 'admin'] as const;

export const isEditor = (me: Me | null | undefined) => !!me && me.roles.some((r) => (EDITOR_ROLES as readonly string[]).includes(r));

/**
 * Below RequireAuth: the editors' desk. Other members get an explanation instead of a page whose
 * every request would be refused.
 */
export function RequireEditor() {
  const me = useMe();
  if (me.isPending) return <Spinner label="Checking your session…" />;
  if (isEditor(me.data)) return <Outlet />;

  return (
    <div className="notice-page">
      <PageHeading title="For editors">Reviewing is for editors</PageHeading>
      <p>
        Every photo is checked by one of the co-op&apos;s editors before it goes on sale. Your account does not have the
        editor role, so the review queue is not open to you.
      </p>
      <p>
        Anyone can see <Link to="/review/stats">how long reviews take</Link>.
      </p>
    </div>
  );
}
