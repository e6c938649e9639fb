import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { justifyRows } from '@/lib/justified-layout';
import { useElementWidth } from '@/lib/use-element-width';

type Rendition = { url: string; width: number; height: number };

/** What a tile needs; search results and lightbox items both have this shape. */
export type GridPhoto = {
  id: string;
  title?: string | null;
  width: number;
  height: number;
  thumbnail: Rendition;
  preview?: Rendition | null;
  blurPlaceholder?: string | null;
  contributor?: { handle: string; displayName: string } | null;
};

type JustifiedGridProps<T extends GridPhoto> = {
  photos: readonly T[];
  /** Accessible name of the list, e.g. "Search results". */
  label: string;
  /** A control shown over the tile on hover and on keyboard focus (e.g. "Add to lightbox"). */
  renderAction?: (photo: T) => ReactNode;
  /** How many leading tiles load eagerly: the first screenful should not wait for lazy loading. */
  eagerCount?: number;
};

const PHONE = 480;
const MAX_TILE_DENSITY = 1.5;

/** Photos in justified rows (see justifyRows), each linking to its asset page. */
export function JustifiedGrid<T extends GridPhoto>({ photos, label, renderAction, eagerCount = 8 }: JustifiedGridProps<T>) {
  const ref = useRef<HTMLUListElement>(null);
  const width = useElementWidth(ref, 1024);
  const small = width < PHONE;
  const gap = small ? 4 : 8;
  const targetHeight = small ? 130 : 220;

  const placed = useMemo(() => {
    const rows = justifyRows(photos, { containerWidth: width, targetHeight, gap });
    const sizes: { width: number; height: number }[] = [];
    for (const row of rows) for (const item of row.items) sizes[item.index] = item;
    return sizes;
  }, [photos, width, targetHeight, gap]);

  return (
    <ul ref={ref} className="jgrid" aria-label={label} style={{ gap: `${gap}px` }}>
      {photos.map((photo, index) => {
        const size = placed[index] ?? { width: targetHeight, height: targetHeight };
        return (
          <li key={photo.id} className="jgrid__item" style={{ width: size.width, height: size.height }}>
            <PhotoTile photo={photo} width={size.width} eager={index < eagerCount} first={index < 2} />
            {renderAction && <div className="jgrid__action">{renderAction(photo)}</div>}
          </li>
        );
      })}
    </ul>
  );
}

function PhotoTile({ photo, width, eager, first }: { photo: GridPhoto; width: number; eager: boolean; first: boolean }) {
  const [loaded, setLoaded] = useState(false);
  const title = photo.title?.trim() || 'Untitled photo';
  const byline = photo.contributor ? ` by ${photo.contributor.displayName}` : '';
  const { thumbnail, preview } = photo;
  // The larger preview serves high-density screens and tiles wider than the thumbnail.
  const srcSet = preview && preview.width > thumbnail.width ? `${thumbnail.url} ${thumbnail.width}w, ${preview.url} ${preview.width}w` : undefined;
  // A tile looks sharp at 1.5 device pixels per CSS pixel. Counting the full density of a 2.6× phone would make it
  // fetch the 1,600 px preview for every 130 px tile: seconds on a mobile link, for no visible gain.
  const density = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const sizes = `${Math.round((width * Math.min(density, MAX_TILE_DENSITY)) / density)}px`;

  return (
    <Link to={`/assets/${photo.id}`} className="jgrid__link">
      <img
        className="jgrid__image"
        src={thumbnail.url}
        srcSet={srcSet}
        sizes={srcSet ? sizes : undefined}
        width={thumbnail.width}
        height={thumbnail.height}
        alt={`${title}${byline}`}
        loading={eager ? 'eager' : 'lazy'}
        // The first tiles are usually the largest paint: fetch them before anything else.
        fetchPriority={first ? 'high' : undefined}
        decoding="async"
        onLoad={() => setLoaded(true)}
        style={!loaded && photo.blurPlaceholder ? { backgroundImage: `url("${photo.blurPlaceholder}")` } : undefined}
      />
      <span className="jgrid__caption" aria-hidden="true">
        <span className="jgrid__title">{title}</span>
        {photo.contributor && <span className="jgrid__by">{photo.contributor.displayName}</span>}
      </span>
    </Link>
  );
}
