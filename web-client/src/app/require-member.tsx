import { Link, Outlet } from 'react-router';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useMe } from '@/lib/session/get-me';

/** Below RequireAuth: pages for members of the co-op (any current membership: contributor, worker, founder). */
export function RequireMember() {
  const me = useMe();
  if (me.isPending) return <Spinner label="Checking your session…" />;
  if (me.data?.membership) return <Outlet />;
  return (
    <div className="notice-page">
      <PageHeading title="For members">This page is for the co-op&apos;s members</PageHeading>
      <p>
        The co-op&apos;s books, patronage dividends, proposals and votes are open to its members: the photographers and workers
        who own it.
      </p>
      <p>
        <Link to="/apply">Apply to join as a contributor</Link>.
      </p>
    </div>
  );
}
