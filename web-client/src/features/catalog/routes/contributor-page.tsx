import { useMemo, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useContributor, type ContributorProfile } from '../api/get-contributor';
import { useSearchAssets } from '../api/search-assets';
import { PhotoResults } from '../components/photo-results';
import { emptySearch } from '../lib/search-state';

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });

/** Renders the ways to write to the contributor; the messaging feature supplies them (composed in src/app). */
export type RenderProfileContact = (profile: ContributorProfile) => ReactNode;

export function ContributorPage({ renderContact }: { renderContact?: RenderProfileContact } = {}) {
  const { handle = '' } = useParams();
  const profile = useContributor(handle);

  if (profile.isPending) return <Spinner label="Loading the portfolio…" />;
  if (profile.isError) {
    const missing = profile.error instanceof ApiError && profile.error.status === 404;
    return (
      <>
        <PageHeading title="Contributor not found">{missing ? 'No portfolio here' : 'Could not load the portfolio'}</PageHeading>
        <Alert tone={missing ? 'info' : 'error'}>
          {missing ? `Nobody publishes as “${handle}”. ` : `${profile.error.message} `}
          <Link to="/search">Search the catalogue</Link>
        </Alert>
      </>
    );
  }
  return <Portfolio profile={profile.data} renderContact={renderContact} />;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

function Portfolio({ profile, renderContact }: { profile: ContributorProfile; renderContact?: RenderProfileContact | undefined }) {
  const state = useMemo(() => ({ ...emptySearch, contributor: profile.handle, sort: 'newest' as const }), [profile.handle]);
  const work = useSearchAssets(state);
  const photos = useMemo(() => work.data?.pages.flatMap((p) => p.items) ?? [], [work.data]);

  return (
    <div className="portfolio">
      <header className="portfolio__head">
        {profile.avatar ? (
          <img className="avatar" src={profile.avatar.url} width={profile.avatar.width} height={profile.avatar.height} alt="" />
        ) : (
          <span className="avatar avatar--initials" aria-hidden="true">
            {initials(profile.displayName)}
          </span>
        )}
        <div>
          <PageHeading title={profile.displayName}>{profile.displayName}</PageHeading>
          <p className="muted portfolio__meta">
            @{profile.handle} · Member since <time dateTime={profile.memberSince}>{monthFormat.format(new Date(profile.memberSince))}</time> ·{' '}
            {profile.publishedCount.toLocaleString()} published {profile.publishedCount === 1 ? 'photo' : 'photos'}
            {profile.member && (
              <>
                {' '}
                · <span className="badge badge--published">Co-op member</span>
              </>
            )}
          </p>
          {profile.bio && <p className="portfolio__bio">{profile.bio}</p>}
          {renderContact?.(profile)}
        </div>
      </header>

      <section aria-labelledby="work-heading">
        <h2 id="work-heading">Published work</h2>
        {work.isPending && <Spinner label="Loading photos…" />}
        {work.isError && <Alert title="Could not load the photos">{work.error.message}</Alert>}
        {work.isSuccess && photos.length === 0 && <p className="empty">Nothing published yet.</p>}
        {photos.length > 0 && (
          <PhotoResults
            photos={photos}
            label={`Photos by ${profile.displayName}`}
            hasNextPage={work.hasNextPage}
            isFetchingNextPage={work.isFetchingNextPage}
            fetchNextPage={work.fetchNextPage}
          />
        )}
      </section>
    </div>
  );
}
