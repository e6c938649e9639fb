import { useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useMe } from '@/lib/session/get-me';
import { useCatalogAsset, type CatalogAssetDetail } from '../api/get-catalog-asset';
import { useSimilarAssets } from '../api/get-similar-assets';
import { LightboxPicker } from '../components/lightbox-picker';
import { PhotoResults } from '../components/photo-results';
import { searchHref } from '../lib/search-state';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

/** Renders the buying panel for the photo; the licensing feature supplies it (composed in src/app). */
export type RenderLicense = (asset: CatalogAssetDetail) => ReactNode;
/** Renders the ways to write to the photographer; the messaging feature supplies them (composed in src/app). */
export type RenderContact = (asset: CatalogAssetDetail) => ReactNode;

export function CatalogAssetPage({ renderLicense, renderContact }: { renderLicense?: RenderLicense; renderContact?: RenderContact }) {
  const { id = '' } = useParams();
  const asset = useCatalogAsset(id);

  if (asset.isPending) return <Spinner label="Loading the photo…" />;
  if (asset.isError) {
    const missing = asset.error instanceof ApiError && (asset.error.status === 404 || asset.error.status === 400);
    return (
      <>
        <PageHeading title="Photo not found">{missing ? 'This photo is not available' : 'Could not load the photo'}</PageHeading>
        <Alert tone={missing ? 'info' : 'error'}>
          {missing ? 'It may have been withdrawn, or the link is wrong. ' : `${asset.error.message} `}
          <Link to="/search">Search the catalogue</Link>
        </Alert>
      </>
    );
  }
  return <AssetDetail asset={asset.data} renderLicense={renderLicense} renderContact={renderContact} />;
}

function releaseText(shown: boolean, released: boolean, what: 'people' | 'property'): string {
  if (!shown) return what === 'people' ? 'No recognisable people' : 'No recognisable property';
  return released ? 'Released' : 'Not released';
}

function AssetDetail({
  asset,
  renderLicense,
  renderContact,
}: {
  asset: CatalogAssetDetail;
  renderLicense?: RenderLicense | undefined;
  renderContact?: RenderContact | undefined;
}) {
  const me = useMe();
  const location = useLocation();
  const similar = useSimilarAssets(asset.id);
  const [loaded, setLoaded] = useState(false);
  const title = asset.title?.trim() || 'Untitled photo';

  return (
    <article className="catalog-asset">
      <div className="catalog-asset__grid">
        <div className="catalog-asset__media">
          <img
            key={asset.id}
            className="catalog-asset__preview"
            src={asset.preview.url}
            width={asset.preview.width}
            height={asset.preview.height}
            alt={title}
            decoding="async"
            onLoad={() => setLoaded(true)}
            style={!loaded && asset.blurPlaceholder ? { backgroundImage: `url("${asset.blurPlaceholder}")` } : undefined}
          />
          <p className="muted catalog-asset__watermark">Preview with watermark. Licensed files come without it.</p>
        </div>

        <div className="catalog-asset__info">
          <PageHeading title={title}>{title}</PageHeading>
          <p className="catalog-asset__by">
            by <Link to={`/c/${asset.contributor.handle}`}>{asset.contributor.displayName}</Link>
            <span className="muted">
              {' '}
              · published <time dateTime={asset.publishedAt}>{dateFormat.format(new Date(asset.publishedAt))}</time>
            </span>
          </p>
          {renderContact?.(asset)}
          {asset.description && <p>{asset.description}</p>}

          {asset.editorialOnly && (
            <Alert tone="info" title="Editorial use only">
              This photo may be used for news, commentary and education, not to advertise or promote anything.
            </Alert>
          )}

          <dl className="details details--compact catalog-asset__facts">
            <div>
              <dt>Original size</dt>
              <dd>
                {asset.width.toLocaleString()} × {asset.height.toLocaleString()} px ({asset.orientation})
              </dd>
            </div>
            <div>
              <dt>Model release</dt>
              <dd>{releaseText(asset.showsPeople, asset.modelReleased, 'people')}</dd>
            </div>
            <div>
              <dt>Property release</dt>
              <dd>{releaseText(asset.showsProperty, asset.propertyReleased, 'property')}</dd>
            </div>
            {asset.colors.length > 0 && (
              <div>
                <dt>Colours</dt>
                <dd>
                  <ul className="swatches swatches--inline">
                    {asset.colors.map((color) => (
                      <li key={color}>
                        <Link to={searchHref({ color: color.replace('#', '').toLowerCase() })} className="swatch swatch--link" style={{ backgroundColor: color }}>
                          <span className="visually-hidden">Photos in {color}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
          </dl>

          {asset.keywords.length > 0 && (
            <section aria-labelledby="keywords-heading">
              <h2 id="keywords-heading" className="catalog-asset__subheading">
                Keywords
              </h2>
              <ul className="tags">
                {asset.keywords.map((keyword) => (
                  <li key={keyword}>
                    <Link className="tag tag--link" to={searchHref({ q: keyword })}>
                      {keyword}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}

          {renderLicense?.(asset)}

          <section className="card" aria-labelledby="lightbox-heading">
            <h2 id="lightbox-heading">Lightboxes</h2>
            {me.data ? (
              <LightboxPicker assetId={asset.id} title={title} />
            ) : (
              <p>
                <Link to="/sign-in" state={{ from: location.pathname }}>
                  Sign in
                </Link>{' '}
                to save this photo to a lightbox and share it with your team.
              </p>
            )}
          </section>
        </div>
      </div>

      {similar.data && similar.data.similar.length > 0 && (
        <section className="catalog-asset__more" aria-labelledby="similar-heading">
          <h2 id="similar-heading">Similar photos</h2>
          <PhotoResults photos={similar.data.similar} label="Similar photos" />
        </section>
      )}
      {similar.data && similar.data.moreFromContributor.length > 0 && (
        <section className="catalog-asset__more" aria-labelledby="more-heading">
          <h2 id="more-heading">More from {asset.contributor.displayName}</h2>
          <PhotoResults photos={similar.data.moreFromContributor} label={`More from ${asset.contributor.displayName}`} />
          <p>
            <Link to={`/c/${asset.contributor.handle}`}>See all of {asset.contributor.displayName}’s work</Link>
          </p>
        </section>
      )}
    </article>
  );
}
