import { useState } from 'react';

export type Rendition = { url: string; width: number; height: number };

type AssetImageProps = {
  rendition: Rendition | null;
  blurPlaceholder: string | null;
  alt: string;
  /** The first screenful loads eagerly; the rest wait until scrolled near. */
  eager?: boolean;
  className?: string;
};

/**
 * A rendition with its real width/height (no layout shift), loaded lazily over its blur
 * placeholder, which is dropped once the image has arrived.
 */
export function AssetImage({ rendition, blurPlaceholder, alt, eager = false, className }: AssetImageProps) {
  const [loaded, setLoaded] = useState(false);
  if (!rendition) {
    return (
      <div className={['asset-image', 'asset-image--pending', className].filter(Boolean).join(' ')} role="img" aria-label={`${alt} (preview not ready yet)`}>
        <span aria-hidden="true">Preparing preview…</span>
      </div>
    );
  }
  return (
    <img
      className={['asset-image', className].filter(Boolean).join(' ')}
      src={rendition.url}
      width={rendition.width}
      height={rendition.height}
      alt={alt}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      onLoad={() => setLoaded(true)}
      style={
        !loaded && blurPlaceholder
          ? { backgroundImage: `url("${blurPlaceholder}")`, backgroundSize: 'cover', backgroundPosition: 'center' }
          : undefined
      }
    />
  );
}
