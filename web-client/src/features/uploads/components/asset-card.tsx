import { Link } from 'react-router';
import { AssetImage, type Rendition } from './asset-image';
import { StatusBadge } from './status-badge';

export type AssetCardData = {
  id: string;
  status: string;
  title?: string | null;
  originalFilename: string;
  thumbnail?: Rendition | null;
  blurPlaceholder?: string | null;
  keywords: readonly string[];
};

type AssetCardProps = {
  asset: AssetCardData;
  selected: boolean;
  onSelectedChange: (selected: boolean) => void;
  eager?: boolean;
};

export function AssetCard({ asset, selected, onSelectedChange, eager }: AssetCardProps) {
  const name = asset.title || asset.originalFilename;
  return (
    <li className={['asset-card', selected ? 'asset-card--selected' : null].filter(Boolean).join(' ')}>
      <Link to={`/portfolio/${asset.id}`} className="asset-card__link">
        <AssetImage rendition={asset.thumbnail ?? null} blurPlaceholder={asset.blurPlaceholder ?? null} alt={name} eager={eager} className="asset-card__image" />
        <span className="asset-card__title">{name}</span>
      </Link>
      <div className="asset-card__meta">
        <StatusBadge status={asset.status} />
        <span className="muted">{asset.keywords.length} keywords</span>
      </div>
      <label className="asset-card__select checkbox">
        <input type="checkbox" checked={selected} onChange={(e) => onSelectedChange(e.currentTarget.checked)} />
        <span className="visually-hidden">Select {name}</span>
      </label>
    </li>
  );
}
