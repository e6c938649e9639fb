import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { usePutCartItem } from '../api/put-cart-item';
import type { Money, RenditionLink } from '../api/types';
import { money, pixels } from '../lib/describe';
import { putGuestCartItem } from '../lib/guest-cart';
import type { Recommendation } from '../lib/guide';
import { useShoppingCart } from '../lib/use-shopping-cart';
import { LicenseGuide } from './license-guide';

/** What the picker needs of a catalogue photo (the asset page passes its own detail in). */
export type PickerAsset = {
  id: string;
  title?: string | null;
  thumbnail?: RenditionLink | null;
  editorialOnly: boolean;
  sizes: { code: string; label: string; width: number; height: number; price: Money }[];
  extended: { code: string; label: string; price?: Money | null; quoteOnly: boolean }[];
};

/** Where quotes for exclusivity (market freeze) are asked for: the co-op's licensing desk. */
export const QUOTE_EMAIL = 'licensing@mediacoop.coop';

function quoteHref(asset: PickerAsset, title: string) {
  const subject = `Market freeze quote: ${title} (${asset.id})`;
  const body = `Hello,\n\nI would like a quote for exclusive use (market freeze) of “${title}”, photo ${asset.id}.\nIntended use, territory and period:\n\n`;
  return `mailto:${QUOTE_EMAIL}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/**
 * Sizes with their pixels and prices, Extended add-ons, the "what are you making?" guide and Add to
 * cart. Signed-in buyers add to their account's cart; guests to a cart kept in this browser.
 */
export function LicensePicker({ asset }: { asset: PickerAsset }) {
  const title = asset.title?.trim() || 'Untitled photo';
  const cart = useShoppingCart();
  const inServerCart = cart.server.data?.items.find((i) => i.assetId === asset.id && !i.upgradeOf);
  const inGuestCart = cart.guest.find((i) => i.assetId === asset.id);
  const inCart = cart.signedIn ? inServerCart : inGuestCart;

  const [sizeCode, setSizeCode] = useState(() => inCart?.size ?? asset.sizes[0]?.code ?? '');
  const [addOns, setAddOns] = useState<string[]>(() => (asset.editorialOnly ? [] : (inCart?.extended ?? [])));
  const [added, setAdded] = useState(false);
  const put = usePutCartItem();
  const headingId = useId();

  const extended = asset.editorialOnly ? [] : asset.extended;
  const buyable = extended.filter((e) => !e.quoteOnly && e.price);
  const quoted = extended.filter((e) => e.quoteOnly || !e.price);
  const size = asset.sizes.find((s) => s.code === sizeCode);
  const chosen = buyable.filter((e) => addOns.includes(e.code));
  const currency = size?.price.currency ?? 'USD';
  const total = { amount: (size?.price.amount ?? 0) + chosen.reduce((sum, e) => sum + (e.price?.amount ?? 0), 0), currency };
  const labelFor = (code: string) => asset.extended.find((e) => e.code === code)?.label ?? code;

  function applyRecommendation(recommendation: Recommendation) {
    if (asset.sizes.some((s) => s.code === recommendation.size)) setSizeCode(recommendation.size);
    setAddOns(recommendation.extended.filter((c) => buyable.some((e) => e.code === c)));
    setAdded(false);
  }

  async function addToCart() {
    if (!size) return;
    // Kept in catalogue order so the same choice always makes the same request.
    const codes = buyable.filter((e) => addOns.includes(e.code)).map((e) => e.code);
    if (cart.signedIn) {
      await put.mutateAsync({ assetId: asset.id, size: size.code, extended: codes });
    } else {
      putGuestCartItem({
        assetId: asset.id,
        size: size.code,
        extended: codes,
        title,
        thumbnail: asset.thumbnail ?? null,
        sizeLabel: size.label,
        width: size.width,
        height: size.height,
        price: total,
        addedAt: new Date().toISOString(),
      });
    }
    setAdded(true);
  }

  return (
    <section className="card license" aria-labelledby={headingId}>
      <h2 id={headingId}>License this photo</h2>
      {asset.editorialOnly && (
        <p className="license__editorial">
          <span className="badge badge--appeal">Editorial use only</span> For news, commentary and education. No Extended
          add-ons.
        </p>
      )}
      {asset.sizes.length > 0 && <LicenseGuide asset={asset} labelFor={labelFor} onRecommend={applyRecommendation} />}

      {asset.sizes.length > 0 ? (
        <fieldset className="fieldset">
          <legend className="field__label">{asset.editorialOnly ? 'Editorial licence' : 'Standard licence'}: size</legend>
          {asset.sizes.map((option) => (
            <label key={option.code} className="radio license__option">
              <input
                type="radio"
                name={`${headingId}-size`}
                value={option.code}
                checked={option.code === sizeCode}
                onChange={() => {
                  setSizeCode(option.code);
                  setAdded(false);
                }}
              />
              <span className="license__label">
                <strong>{option.label}</strong>
                <span className="muted"> {pixels(option.width, option.height)}</span>
              </span>
              <span className="license__price">{money(option.price)}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="muted">No sizes are offered for this photo yet.</p>
      )}

      {extended.length > 0 && (
        <fieldset className="fieldset">
          <legend className="field__label">Extended rights (optional)</legend>
          {buyable.map((option) => (
            <label key={option.code} className="checkbox license__option">
              <input
                type="checkbox"
                checked={addOns.includes(option.code)}
                onChange={(e) => {
                  setAdded(false);
                  setAddOns((list) => (e.target.checked ? [...list, option.code] : list.filter((c) => c !== option.code)));
                }}
              />
              <span className="license__label">{option.label}</span>
              <span className="license__price">+ {option.price && money(option.price)}</span>
            </label>
          ))}
          {quoted.map((option) => (
            <div key={option.code} className="license__option license__option--quote">
              <span className="license__label">{option.label}</span>
              <a className="license__price" href={quoteHref(asset, title)}>
                Request a quote<span className="visually-hidden"> for {option.label.toLowerCase()} (opens your e-mail)</span>
              </a>
            </div>
          ))}
          {quoted.length > 0 && (
            <p className="muted license__note">
              Exclusivity is priced case by case: the quote link opens an e-mail to {QUOTE_EMAIL}.
            </p>
          )}
        </fieldset>
      )}

      {size && (
        <p className="license__total">
          Total <strong>{money(total)}</strong>
        </p>
      )}
      {put.isError && <Alert title="Could not add the photo to your cart">{put.error.message}</Alert>}
      <div className="actions">
        <Button
          onClick={() => void addToCart().catch(() => undefined)}
          loading={put.isPending}
          loadingText="Adding…"
          disabled={!size || cart.signedIn === undefined}
        >
          {inCart ? 'Update cart' : 'Add to cart'}
        </Button>
        {(added || inCart) && (
          <p className="actions__status" role="status">
            {added ? 'Added to your cart. ' : 'In your cart. '}
            <Link to="/cart">View cart</Link>
          </p>
        )}
      </div>
    </section>
  );
}
