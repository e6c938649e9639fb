import { Link } from 'react-router';
import { Button, buttonClassName } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { uploadAsset } from '../api/upload-asset';
import { DropZone } from '../components/drop-zone';
import { UploadList } from '../components/upload-list';
import { UploadSummary } from '../components/upload-summary';
import { DEFAULT_MAX_BYTES, formatBytes } from '../lib/upload-queue';
import { useUploadQueue } from '../lib/use-upload-queue';

export function UploadPage() {
  const { queue, items } = useUploadQueue(uploadAsset);
  const busy = items.some((i) => i.status === 'queued' || i.status === 'uploading' || i.status === 'processing');
  const finished = items.length > 0 && !busy;

  return (
    <div className="upload-page">
      <PageHeading title="Upload photos">Upload photos</PageHeading>
      <p className="lede">
        JPEG or PNG, at least 4 megapixels, up to {formatBytes(DEFAULT_MAX_BYTES)} each. Three files upload at a
        time; you can keep adding more.
      </p>
      <DropZone onFiles={(files) => queue.add(files)} hint="You can select many files at once." />

      {items.length > 0 && <UploadList items={items} onCancel={(id) => queue.cancel(id)} onRetry={(id) => queue.retry(id)} />}

      <div aria-live="polite" className="upload-page__summary">
        {finished && <UploadSummary items={items} />}
      </div>

      {finished && (
        <div className="actions">
          <Link to="/portfolio" className={buttonClassName('primary')}>
            Go to My portfolio
          </Link>
          <Button variant="secondary" onClick={() => queue.clearFinished()}>
            Clear the list
          </Button>
        </div>
      )}
    </div>
  );
}
