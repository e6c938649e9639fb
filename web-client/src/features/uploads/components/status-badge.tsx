import { isAssetStatus, STATUS_LABELS } from '../lib/asset-status';

export function StatusBadge({ status }: { status: string }) {
  const label = isAssetStatus(status) ? STATUS_LABELS[status] : status;
  return <span className={`badge badge--${isAssetStatus(status) ? status : 'unknown'}`}>{label}</span>;
}
