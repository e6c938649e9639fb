import { Link } from 'react-router';
import { PageHeading } from '@/components/ui/page-heading';

export function NotFoundPage() {
  return (
    <>
      <PageHeading title="Page not found">Page not found</PageHeading>
      <p>
        There is nothing at this address. <Link to="/">Go to the home page</Link>.
      </p>
    </>
  );
}
