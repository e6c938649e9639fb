import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useMe } from '@/lib/session/get-me';
import { useMyAsset } from '../api/get-my-asset';
import { useMyReleases } from '../api/get-my-releases';
import { AssetEditForm } from '../components/asset-edit-form';
import { AssetFacts } from '../components/asset-facts';
import { AssetImage } from '../components/asset-image';
import { NearDuplicates } from '../components/near-duplicates';
import { ReleaseUploadForm } from '../components/release-upload-form';
import { ReviewOutcomePanel } from '../components/review-outcome';
import { StatusBadge } from '../components/status-badge';

export function AssetPage() {
  const { id = '' } = useParams();
  const asset = useMyAsset(id);
  const releases = useMyReleases();
  const me = useMe();
  const [addedReleaseIds, setAddedReleaseIds] = useState<string[]>([]);
  const name = asset.data?.title || asset.data?.originalFilename || 'Photo';

  return (
    <div className="asset-page">
      <p className="breadcrumb">
        <Link to="/portfolio">← My portfolio</Link>
      </p>
      <PageHeading title={asset.data ? `Edit ${name}` : 'Edit photo'}>{asset.data ? name : 'Edit photo'}</PageHeading>
      {asset.isPending && <Spinner label="Loading the photo…" />}
      {asset.isError && (
        <Alert title={asset.error instanceof ApiError && asset.error.status === 404 ? 'Photo not found' : 'Could not load the photo'}>
          {asset.error instanceof ApiError && asset.error.status === 404
            ? 'There is no photo of yours at this address.'
            : asset.error.message}
        </Alert>
      )}
      {asset.data && (
        <div className="asset-page__grid">
          <div className="asset-page__media">
            <AssetImage
              rendition={asset.data.preview ?? asset.data.thumbnail ?? null}
              blurPlaceholder={asset.data.blurPlaceholder ?? null}
              alt={`Preview of ${name}`}
              eager
              className="asset-page__preview"
            />
            <p className="asset-page__status">
              Status: <StatusBadge status={asset.data.status} />
            </p>
            {asset.data.status === 'failed' && (
              <Alert title="Processing failed">{asset.data.failureReason ?? 'The photo could not be processed.'}</Alert>
            )}
            {asset.data.status === 'processing' && <p className="muted">Preparing the preview and thumbnail…</p>}
            {asset.data.queue && (
              <p className="asset-page__queue">
                Number {asset.data.queue.position} in the review queue
                {asset.data.queue.medianWaitHours != null && ` · recent median wait ${asset.data.queue.medianWaitHours} hours`}
              </p>
            )}
            {asset.data.review && <ReviewOutcomePanel assetId={asset.data.id} review={asset.data.review} />}
            <NearDuplicates items={asset.data.nearDuplicates} />
            <AssetFacts asset={asset.data} />
          </div>
          <div className="asset-page__form">
            <AssetEditForm
              key={asset.data.id}
              asset={asset.data}
              releases={releases.data?.items ?? []}
              owner={me.data ? { id: me.data.id, displayName: me.data.displayName } : null}
              addedReleaseIds={addedReleaseIds}
            />
            {releases.isError && <Alert title="Could not load your releases">{releases.error.message}</Alert>}
            <details className="card release-upload">
              <summary>Upload a new release</summary>
              <ReleaseUploadForm onCreated={(release) => setAddedReleaseIds((ids) => [...ids, release.id])} />
            </details>
          </div>
        </div>
      )}
    </div>
  );
}
