import type { QueueItem } from '../api/get-review-queue';
import { useReviewAsset } from '../api/get-review-asset';
import { formatDuration } from '../lib/format-duration';

export const itemTitle = (item: QueueItem) => item.title || 'Untitled photo';

/** The selected photo, large, with what an editor needs to decide. */
export function QueueItemDetail({ item }: { item: QueueItem }) {
  const title = itemTitle(item);
  const detail = useReviewAsset(item.assetId);
  const full = detail.data;
  return (
    <article className="review-detail" aria-labelledby="review-detail-title">
      {item.thumbnail ? (
        <img
          className="review-detail__image"
          // The unwatermarked preview once its details have loaded; the thumbnail until then.
          src={full?.previewUrl ?? item.thumbnail.url}
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
          {full?.description && (
            <>
              <dt>Description</dt>
              <dd>{full.description}</dd>
            </>
          )}
          {full && (
            <>
              <dt>Size</dt>
              <dd>
                {full.width} × {full.height} px{full.camera ? ` · ${full.camera}` : ''}
                {full.lens ? ` · ${full.lens}` : ''}
              </dd>
              <dt>Releases</dt>
              <dd>
                {full.releases.length === 0
                  ? full.showsPeople || full.showsProperty
                    ? 'None attached'
                    : 'None needed'
                  : full.releases.map((r) => (
                      <a key={r.id} href={`/api/v1/review/releases/${r.id}/file`} target="_blank" rel="noopener noreferrer">
                        {r.kind} release: {r.name}{' '}
                      </a>
                    ))}
              </dd>
            </>
          )}
          {full?.appealNote && (
            <>
              <dt>Appeal</dt>
              <dd>{full.appealNote}</dd>
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
        {full && full.nearDuplicates.length > 0 && (
          <section aria-label="Near-duplicate candidates">
            <h3>Near-duplicates</h3>
            <ul className="review-detail__candidates">
              {full.nearDuplicates.map((c) => (
                <li key={c.assetId}>
                  {c.thumbnail && <img src={c.thumbnail.url} width={160} height={Math.round((160 * c.thumbnail.height) / c.thumbnail.width)} alt="" loading="lazy" />}
                  <span>
                    {c.status}, {c.distance} bits apart
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {full && full.contributorRecentDecisions.length > 0 && (
          <section aria-label="The contributor's recent decisions">
            <h3>Recent decisions for this contributor</h3>
            <ul>
              {full.contributorRecentDecisions.slice(0, 5).map((d) => (
                <li key={`${d.assetId}-${d.decidedAt}`}>
                  {d.outcome.replace('_', ' ')}
                  {d.reasonCodes.length > 0 && ` (${d.reasonCodes.join(', ')})`}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </article>
  );
}
