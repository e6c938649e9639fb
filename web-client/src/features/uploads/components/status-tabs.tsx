import { Link } from 'react-router';
import { STATUS_FILTERS, type AssetStatus } from '../lib/asset-status';

/**
 * The filter is part of the address (?status=draft), so it survives reloads and the back button.
 * Links in a labelled nav rather than an ARIA tablist: each one loads a different list.
 */
export function StatusTabs({ current }: { current: AssetStatus | null }) {
  return (
    <nav aria-label="Filter by status" className="status-tabs">
      <ul>
        {STATUS_FILTERS.map((f) => (
          <li key={f.label}>
            <Link
              to={f.value ? `/portfolio?status=${f.value}` : '/portfolio'}
              className="status-tabs__link"
              aria-current={f.value === current ? 'page' : undefined}
            >
              {f.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
