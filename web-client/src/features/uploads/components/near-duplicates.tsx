import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';

type NearDuplicate = { assetId: string; distance: number; yours: boolean };

/** Similar photos are flagged, not refused: the editors see the same warning. */
export function NearDuplicates({ items }: { items: readonly NearDuplicate[] }) {
  if (items.length === 0) return null;
  const yours = items.filter((d) => d.yours);
  const others = items.length - yours.length;
  return (
    <Alert tone="info" title="This photo looks very similar to others">
      <p>
        Editors decline near-identical shots, so submit only the strongest of a series.
        {others > 0 && ` ${others === 1 ? 'One similar photo is' : `${others} similar photos are`} already in the catalogue.`}
      </p>
      {yours.length > 0 && (
        <ul>
          {yours.map((d) => (
            <li key={d.assetId}>
              <Link to={`/portfolio/${d.assetId}`}>Your similar photo</Link>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
