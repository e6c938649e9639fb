import { InfiniteLoader } from '@/components/infinite-loader';
import { JustifiedGrid, type GridPhoto } from '@/components/justified-grid';
import { useMe } from '@/lib/session/get-me';
import { AddToLightboxButton } from './add-to-lightbox-button';

type PhotoResultsProps = {
  photos: readonly GridPhoto[];
  label: string;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  fetchNextPage?: () => unknown;
};

/** A justified grid of catalogue photos; signed-in visitors get "add to lightbox" on every tile. */
export function PhotoResults({ photos, label, hasNextPage = false, isFetchingNextPage = false, fetchNextPage }: PhotoResultsProps) {
  const me = useMe();
  return (
    <>
      <JustifiedGrid
        photos={photos}
        label={label}
        renderAction={
          me.data ? (photo) => <AddToLightboxButton assetId={photo.id} title={photo.title?.trim() || 'Untitled photo'} /> : undefined
        }
      />
      {fetchNextPage && (
        <InfiniteLoader
          hasNextPage={hasNextPage}
          isFetchingNextPage={isFetchingNextPage}
          fetchNextPage={fetchNextPage}
          label="Load more photos"
        />
      )}
    </>
  );
}
