import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { formatBytes, type UploadItem } from '../lib/upload-queue';

type UploadListProps = {
  items: readonly UploadItem[];
  onCancel: (id: string) => void;
  onRetry: (id: string) => void;
};

const STATUS_TEXT: Record<UploadItem['status'], string> = {
  queued: 'Queued',
  uploading: 'Uploading',
  processing: 'Processing',
  done: 'Done',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

export function statusText(item: UploadItem): string {
  return item.status === 'uploading' ? `Uploading ${item.percent}%` : STATUS_TEXT[item.status];
}

/** One row per file: name, size, a progress bar with its percentage as text, and its actions. */
export function UploadList({ items, onCancel, onRetry }: UploadListProps) {
  return (
    <ul className="upload-list" aria-label="Uploads">
      {items.map((item) => {
        const name = item.file.name;
        const canCancel = item.status === 'queued' || item.status === 'uploading' || item.status === 'processing';
        const canRetry = item.status === 'cancelled' || (item.status === 'rejected' && item.rejection?.retryable);
        return (
          <li key={item.id} className={`upload upload--${item.status}`}>
            <div className="upload__head">
              <span className="upload__name" title={name}>
                {name}
              </span>
              <span className="upload__size">{formatBytes(item.file.size)}</span>
            </div>
            <div className="upload__progress">
              <progress
                max={100}
                value={item.status === 'rejected' || item.status === 'cancelled' ? 0 : item.percent}
                aria-label={`Upload progress for ${name}`}
                aria-valuetext={statusText(item)}
              />
              <span className="upload__status" data-status={item.status}>
                {statusText(item)}
              </span>
            </div>
            {item.status === 'rejected' && item.rejection && (
              <p className="upload__reason">
                {item.rejection.message}
                {item.rejection.existingAssetId && (
                  <>
                    {' '}
                    <Link to={`/portfolio/${item.rejection.existingAssetId}`}>View the existing photo</Link>
                  </>
                )}
              </p>
            )}
            {item.status === 'done' && item.assetId && (
              <p className="upload__note">
                <Link to={`/portfolio/${item.assetId}`}>Edit details for {name}</Link>
              </p>
            )}
            {(canCancel || canRetry) && (
              <div className="upload__actions">
                {canCancel && (
                  <Button variant="secondary" onClick={() => onCancel(item.id)} aria-label={`Cancel ${name}`}>
                    Cancel
                  </Button>
                )}
                {canRetry && (
                  <Button variant="secondary" onClick={() => onRetry(item.id)} aria-label={`Retry ${name}`}>
                    Retry
                  </Button>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
