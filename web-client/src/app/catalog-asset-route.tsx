import { CatalogAssetPage } from '@/features/catalog/routes/catalog-asset-page';
import { LicensePicker } from '@/features/licensing/components/license-picker';

/** The photo page with the licence picker: the catalogue and licensing features meet here. */
export function CatalogAssetRoute() {
  return <CatalogAssetPage renderLicense={(asset) => <LicensePicker key={asset.id} asset={asset} />} />;
}
