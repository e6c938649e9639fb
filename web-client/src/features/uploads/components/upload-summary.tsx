import { Link } from 'react-router';
import type { UploadItem } from '../lib/upload-queue';

/** Shown once nothing is queued or in flight: what made it, and every refusal with its reason. */
export function UploadSummary({ items }: { items: readonly UploadItem[] }) {
  const uploaded = items.filter((i) => i.status === 'done').length;
  const rejected = items.filter((i) => i.status === 'rejected');
  const cancelled = items.filter((i) => i.status === 'cancelled').length;

  return (
    <section className="card upload-summary" aria-labelledby="upload-summary-heading">
      <h2 id="upload-summary-heading">
        {uploaded} uploaded, {rejected.length} rejected
        {cancelled > 0 ? `, ${cancelled} cancelled` : ''}
      </h2>
      {rejected.length > 0 && (
        <ul className="upload-summary__list">
          {rejected.map((item) => (
            <li key={item.id}>
              <strong>{item.file.name}</strong>: {item.rejection?.message ?? 'Rejected.'}
              {item.rejection?.existingAssetId && (
                <>
                  {' '}
                  <Link to={`/portfolio/${item.rejection.existingAssetId}`}>View the existing photo</Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {uploaded > 0 && (
        <p>
          Thumbnails are being prepared. Add titles and keywords in <Link to="/portfolio">My portfolio</Link>, then
          submit them for review.
        </p>
      )}
    </section>
  );
}
