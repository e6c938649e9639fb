import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClassName } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { formErrorsFrom } from '@/lib/form-errors';
import { useMyAssets } from '../api/get-my-assets';
import { useMyReleases } from '../api/get-my-releases';
import { useSubmitMyAssets } from '../api/submit-my-assets';
import { AssetCard } from '../components/asset-card';
import { BatchEditForm } from '../components/batch-edit-form';
import { StatusTabs } from '../components/status-tabs';
import { SubmitReport } from '../components/submit-report';
import { isAssetStatus, STATUS_FILTERS } from '../lib/asset-status';

/** The first few cards are above the fold on most screens: load those right away. */
const EAGER_IMAGES = 6;

export function PortfolioPage() {
  const [params] = useSearchParams();
  const raw = params.get('status');
  const status = isAssetStatus(raw) ? raw : null;
  const assets = useMyAssets(status);
  const submit = useSubmitMyAssets();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  const items = assets.data?.pages.flatMap((p) => p.items) ?? [];
  const names = new Map(items.map((a) => [a.id, a.title || a.originalFilename]));
  const selectedIds = items.filter((a) => selected.has(a.id)).map((a) => a.id);
  const releases = useMyReleases();
  const label = STATUS_FILTERS.find((f) => f.value === status)?.label ?? 'All';

  // A different filter shows different photos; a selection of hidden ones would surprise.
  const [lastStatus, setLastStatus] = useState(status);
  if (lastStatus !== status) {
    setLastStatus(status);
    setSelected(new Set());
    setEditing(false);
  }

  useEffect(() => {
    if (submit.data) reportRef.current?.focus();
  }, [submit.data]);

  function toggle(id: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  return (
    <div className="portfolio">
      <div className="page-head">
        <PageHeading title="My portfolio">My portfolio</PageHeading>
        <div className="actions">
          <Link to="/upload" className={buttonClassName('primary')}>
            Upload photos
          </Link>
          <Link to="/portfolio/import" className={buttonClassName('secondary')}>
            Import metadata (CSV)
          </Link>
        </div>
      </div>

      <StatusTabs current={status} />

      {selectedIds.length > 0 && (
        <div className="selection-bar" role="region" aria-label="Selected photos">
          <span aria-live="polite">{selectedIds.length} selected</span>
          <Button variant="secondary" onClick={() => setEditing(true)} aria-expanded={editing}>
            Edit selected
          </Button>
          <Button
            loading={submit.isPending}
            loadingText="Submitting…"
            onClick={() => {
              setMessage(null);
              submit.mutate(selectedIds, { onSuccess: (r) => setSelected(new Set(r.rejected.map((x) => x.assetId))) });
            }}
          >
            Submit selected
          </Button>
          <Button variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      )}

      {editing && selectedIds.length > 0 && (
        <BatchEditForm
          assetIds={selectedIds}
          releases={releases.data?.items ?? []}
          onCancel={() => setEditing(false)}
          onDone={(count) => {
            setEditing(false);
            setMessage(`Updated ${count} ${count === 1 ? 'photo' : 'photos'}.`);
          }}
        />
      )}
      <div aria-live="polite">{message && <Alert tone="success">{message}</Alert>}</div>
      {submit.isError && <Alert title="Could not submit">{formErrorsFrom(submit.error, []).form}</Alert>}
      {submit.data && <SubmitReport ref={reportRef} submitted={submit.data.submitted} rejected={submit.data.rejected} names={names} />}

      {assets.isPending && <Spinner label="Loading your photos…" />}
      {assets.isError && <Alert title="Could not load your photos">{assets.error.message}</Alert>}
      {assets.isSuccess && items.length === 0 && (
        <p className="empty">
          {status ? `No photos in “${label}”.` : 'You have not uploaded any photos yet.'}{' '}
          <Link to="/upload">Upload photos</Link>
        </p>
      )}
      {items.length > 0 && (
        <ul className="asset-grid" aria-label={`Photos: ${label}`}>
          {items.map((asset, index) => (
            <AssetCard
              key={asset.id}
              asset={asset}
              eager={index < EAGER_IMAGES}
              selected={selected.has(asset.id)}
              onSelectedChange={(on) => toggle(asset.id, on)}
            />
          ))}
        </ul>
      )}
      {assets.hasNextPage && (
        <div className="load-more">
          <Button variant="secondary" loading={assets.isFetchingNextPage} loadingText="Loading…" onClick={() => void assets.fetchNextPage()}>
            Load more
          </Button>
        </div>
      )}
    </div>
  );
}
