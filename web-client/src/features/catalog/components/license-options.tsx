import { useId, useState } from 'react';
import { formatMoney } from '@/lib/format-money';
import type { ExtendedLicenseOption, LicenseSizeOption } from '../api/get-catalog-asset';

type LicenseOptionsProps = {
  sizes: LicenseSizeOption[];
  extended: ExtendedLicenseOption[];
  editorialOnly: boolean;
};

/**
 * Sizes and add-ons with their prices. Buying arrives with the licensing capability; until then
 * the total is shown and "Add to cart" says why it cannot be used yet.
 */
export function LicenseOptions({ sizes, extended, editorialOnly }: LicenseOptionsProps) {
  const [sizeCode, setSizeCode] = useState(sizes[0]?.code ?? '');
  const [addOns, setAddOns] = useState<string[]>([]);
  const noteId = useId();
  const size = sizes.find((s) => s.code === sizeCode);
  const priced = extended.filter((e) => addOns.includes(e.code) && e.price);
  const currency = size?.price.currency ?? 'USD';
  const total = (size?.price.amount ?? 0) + priced.reduce((sum, e) => sum + (e.price?.amount ?? 0), 0);

  return (
    <section className="card license" aria-labelledby="license-heading">
      <h2 id="license-heading">License this photo</h2>
      {sizes.length > 0 ? (
        <fieldset className="fieldset">
          <legend className="field__label">{editorialOnly ? 'Editorial license' : 'Standard license'}: size</legend>
          {sizes.map((option) => (
            <label key={option.code} className="radio license__option">
              <input type="radio" name="size" value={option.code} checked={option.code === sizeCode} onChange={() => setSizeCode(option.code)} />
              <span className="license__label">
                <strong>{option.label}</strong>
                <span className="muted">
                  {' '}
                  {option.width.toLocaleString()} × {option.height.toLocaleString()} px
                </span>
              </span>
              <span className="license__price">{formatMoney(option.price.amount, option.price.currency)}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="muted">No sizes are offered for this photo yet.</p>
      )}

      {extended.length > 0 && (
        <fieldset className="fieldset">
          <legend className="field__label">Extended rights (optional)</legend>
          {extended.map((option) =>
            option.quoteOnly || !option.price ? (
              <div key={option.code} className="license__option license__option--quote">
                <span className="license__label">{option.label}</span>
                <span className="license__price">Request a quote</span>
              </div>
            ) : (
              <label key={option.code} className="checkbox license__option">
                <input
                  type="checkbox"
                  checked={addOns.includes(option.code)}
                  onChange={(e) => setAddOns((list) => (e.target.checked ? [...list, option.code] : list.filter((c) => c !== option.code)))}
                />
                <span className="license__label">{option.label}</span>
                <span className="license__price">+ {formatMoney(option.price.amount, option.price.currency)}</span>
              </label>
            ),
          )}
        </fieldset>
      )}

      {size && (
        <p className="license__total">
          Total <strong>{formatMoney(total, currency)}</strong>
        </p>
      )}
      <button type="button" className="btn btn--primary" disabled aria-describedby={noteId}>
        Add to cart
      </button>
      <p id={noteId} className="muted license__note">
        Checkout arrives with licensing; the prices shown are what you will pay.
      </p>
      {extended.some((e) => e.quoteOnly) && (
        <p className="muted license__note">Quotes for exclusive rights are prepared by the co-op when licensing opens.</p>
      )}
    </section>
  );
}
