import { Link, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { JustifiedGrid } from '@/components/justified-grid';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useSharedLightbox } from '../api/get-shared-lightbox';

/** What a share link shows: the photos, read-only, whether or not the visitor is signed in. */
export function SharedLightboxPage() {
  const { token = '' } = useParams();
  const shared = useSharedLightbox(token);

  if (shared.isPending) return <Spinner label="Loading the lightbox…" />;
  if (shared.isError) {
    const missing = shared.error instanceof ApiError && (shared.error.status === 404 || shared.error.status === 400);
    return (
      <>
        <PageHeading title="Link not available">{missing ? 'This link no longer works' : 'Could not load the lightbox'}</PageHeading>
        <Alert tone={missing ? 'info' : 'error'}>
          {missing ? 'Its owner may have stopped sharing it. ' : `${shared.error.message} `}
          <Link to="/search">Search the catalogue</Link>
        </Alert>
      </>
    );
  }

  const { data } = shared;
  return (
    <>
      <PageHeading title={data.name}>{data.name}</PageHeading>
      <p className="muted">
        Shared by {data.ownerDisplayName} · {data.items.length} {data.items.length === 1 ? 'photo' : 'photos'}
      </p>
      {data.items.length === 0 ? (
        <p className="empty">This lightbox is empty.</p>
      ) : (
        <JustifiedGrid photos={data.items} label={`Photos in ${data.name}`} />
      )}
    </>
  );
}
