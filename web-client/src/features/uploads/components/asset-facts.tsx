import type { AssetDetail } from '../api/get-my-assets';
import { formatBytes } from '../lib/upload-queue';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTime.format(date);
}

/** What the camera recorded, read-only. GPS is never shown, only that it is kept private. */
export function AssetFacts({ asset }: { asset: AssetDetail }) {
  return (
    <dl className="details details--compact">
      <div>
        <dt>File</dt>
        <dd>
          {asset.originalFilename} · {asset.width} × {asset.height} px · {formatBytes(asset.byteSize)}
        </dd>
      </div>
      <div>
        <dt>Captured</dt>
        <dd>{formatDate(asset.capturedAt)}</dd>
      </div>
      <div>
        <dt>Camera</dt>
        <dd>{asset.camera ?? '—'}</dd>
      </div>
      <div>
        <dt>Lens</dt>
        <dd>{asset.lens ?? '—'}</dd>
      </div>
      {asset.hasPrivateLocation && (
        <div>
          <dt>Location</dt>
          <dd>Location kept private</dd>
        </div>
      )}
    </dl>
  );
}
