import { startTransition, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
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
/** How far down the first render reaches, in screen heights; the tiles below it follow in a transition. */
const FIRST_RENDER_SCREENS = 2;

/**
 * Where the grid spans the page (phones, most pages), its width is the window's less the page's 1rem margins. A
 * right first guess means the first render's layout is the final one; a wrong one is corrected before the first paint.
 */
function estimatedWidth(): number {
  if (typeof window === 'undefined' || !window.innerWidth) return 1024;
  // Reading the root's font size would force a style pass mid-render; the default 16px is the common case.
  return Math.max(1, window.innerWidth - 32);
}

/** Photos in justified rows (see justifyRows), each linking to its asset page. */
export function JustifiedGrid<T extends GridPhoto>({ photos, label, renderAction, eagerCount = 8 }: JustifiedGridProps<T>) {
  const ref = useRef<HTMLUListElement>(null);
  const [estimate] = useState(estimatedWidth);
  const width = useElementWidth(ref, estimate);
  const small = width < PHONE;
  const gap = small ? 4 : 8;
  const targetHeight = small ? 130 : 220;

  const { sizes: placed, firstScreens } = useMemo(() => {
    const rows = justifyRows(photos, { containerWidth: width, targetHeight, gap });
    const sizes: { width: number; height: number }[] = [];
    for (const row of rows) for (const item of row.items) sizes[item.index] = item;
    // Whole rows down to a couple of screen heights: the rows are laid out over every photo, so the tiles that
    // follow never move these.
    const reach = FIRST_RENDER_SCREENS * (typeof window === 'undefined' ? 1000 : window.innerHeight || 1000);
    let top = 0;
    let count = 0;
    for (const row of rows) {
      if (top > reach) break;
      count += row.items.length;
      top += row.height + gap;
    }
    return { sizes, firstScreens: count };
  }, [photos, width, targetHeight, gap]);

  // A page of results is dozens of tiles: on a phone, creating them all before the first paint is a long task that
  // holds up the photos on screen. The first screens render at once, the rest in a transition React can interrupt.
  const [renderAll, setRenderAll] = useState(false);
  useEffect(() => {
    if (!renderAll) startTransition(() => setRenderAll(true));
  }, [renderAll]);
  const shown = renderAll ? photos : photos.slice(0, Math.max(firstScreens, eagerCount));

  return (
    <ul ref={ref} className="jgrid" aria-label={label} style={{ gap: `${gap}px` }}>
      {shown.map((photo, index) => {
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
