import { Link, Outlet } from 'react-router';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useMe } from '@/lib/session/get-me';

export const CONTRIBUTOR_ROLE = 'contributor';

/**
 * Below RequireAuth: pages for contributors. A signed-in buyer gets an explanation instead of a
 * page that would fail on every request.
 */
export function RequireContributor() {
  const me = useMe();
  if (me.isPending) return <Spinner label="Checking your session…" />;
  if (me.data?.roles.includes(CONTRIBUTOR_ROLE)) return <Outlet />;

  return (
    <div className="notice-page">
      <PageHeading title="For contributors">Uploading is for contributor members</PageHeading>
      <p>
        Photographers sell through MediaCoop as members of the co-op. Your account does not have the contributor role
        yet, so you cannot upload or manage a portfolio.
      </p>
      <p>
        <Link to="/apply">Apply to join as a contributor</Link> with ten sample photos; the editorial board reviews
        every application.
      </p>
    </div>
  );
}
