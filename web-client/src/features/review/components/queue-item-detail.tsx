import type { QueueItem } from '../api/get-review-queue';
import { formatDuration } from '../lib/format-duration';

export const itemTitle = (item: QueueItem) => item.title || 'Untitled photo';

/** The selected photo, large, with what an editor needs to decide. */
export function QueueItemDetail({ item }: { item: QueueItem }) {
  const title = itemTitle(item);
  return (
    <article className="review-detail" aria-labelledby="review-detail-title">
      {item.thumbnail ? (
        <img
          className="review-detail__image"
          src={item.thumbnail.url}
          width={item.thumbnail.width}
          height={item.thumbnail.height}
          alt={title}
          decoding="async"
        />
      ) : (
        <div className="asset-image asset-image--pending review-detail__image" role="img" aria-label={`${title} (preview not ready yet)`}>
          <span aria-hidden="true">Preparing preview…</span>
        </div>
      )}
      <div className="review-detail__meta">
        <h2 id="review-detail-title" className="review-detail__title">
          {title}{' '}
          {item.onAppeal && <span className="badge badge--appeal">On appeal</span>}
        </h2>
        <dl className="details details--compact">
          <dt>Contributor</dt>
          <dd>{item.contributorName}</dd>
          <dt>Waiting</dt>
          <dd>{formatDuration(item.waitingSeconds)}</dd>
          {item.editorialOnly && (
            <>
              <dt>Use</dt>
              <dd>Editorial only</dd>
            </>
          )}
          {item.nearDuplicates > 0 && (
            <>
              <dt>Near-duplicates</dt>
              <dd>{item.nearDuplicates} flagged</dd>
            </>
          )}
          <dt>Keywords</dt>
          <dd>
            {item.keywords.length === 0 ? (
              'None'
            ) : (
              <ul className="tags">
                {item.keywords.map((k) => (
                  <li key={k} className="tag">
                    {k}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </div>
    </article>
  );
}
