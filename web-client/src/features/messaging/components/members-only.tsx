import { Link } from 'react-router';
import { PageHeading } from '@/components/ui/page-heading';

/** What a signed-in non-member sees instead of the board (the API refuses them with 403 too). */
export function MembersOnly() {
  return (
    <div className="notice-page">
      <PageHeading title="For members">The board is for the co-op&apos;s members</PageHeading>
      <p>
        The members&apos; board is where the photographers and workers who own MediaCoop discuss and announce co-op business. It is open
        to current members only.
      </p>
      <p>
        <Link to="/apply">Apply to join as a contributor</Link>.
      </p>
    </div>
  );
}
