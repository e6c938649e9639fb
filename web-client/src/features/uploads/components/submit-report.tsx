import type { Ref } from 'react';
import { Link } from 'react-router';

type SubmitReportProps = {
  submitted: readonly string[];
  rejected: readonly { assetId: string; missing: readonly string[] }[];
  /** Display name per asset id, for the ones on screen. */
  names: ReadonlyMap<string, string>;
  ref?: Ref<HTMLDivElement>;
};

/** After "Submit selected": how many went to review, and per photo what the others still need. */
export function SubmitReport({ submitted, rejected, names, ref }: SubmitReportProps) {
  return (
    <div ref={ref} tabIndex={-1} className={`alert ${rejected.length > 0 ? 'alert--error' : 'alert--success'}`} role="status">
      <p className="alert__title">
        {submitted.length} submitted for review{rejected.length > 0 ? `, ${rejected.length} not ready yet` : ''}
      </p>
      {rejected.length > 0 && (
        <ul className="submit-report">
          {rejected.map((r) => (
            <li key={r.assetId}>
              <Link to={`/portfolio/${r.assetId}`}>{names.get(r.assetId) ?? 'Photo'}</Link>
              <ul className="missing-list">
                {r.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
