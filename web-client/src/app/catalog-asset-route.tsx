import { CatalogAssetPage } from '@/features/catalog/routes/catalog-asset-page';
import { LicensePicker } from '@/features/licensing/components/license-picker';
import { ContactPhotographer } from '@/features/messaging/components/contact-contributor';

/** The photo page with the licence picker and the ways to write to the photographer: features meet here. */
export function CatalogAssetRoute() {
  return (
    <CatalogAssetPage
      renderLicense={(asset) => <LicensePicker key={asset.id} asset={asset} />}
      renderContact={(asset) => (
        <ContactPhotographer
          key={asset.id}
          handle={asset.contributor.handle}
          displayName={asset.contributor.displayName}
          asset={{ id: asset.id, title: asset.title?.trim() || '' }}
        />
      )}
    />
  );
}
