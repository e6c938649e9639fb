import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { usePutCartItem } from '../api/put-cart-item';
import type { License } from '../api/types';
import { money } from '../lib/describe';

/** Upgrading pays only the difference: the chosen upgrade goes to the cart as an item of its own. */
export function LicenseUpgrade({ license, labelFor, title }: { license: License; labelFor: (code: string) => string; title: string }) {
  const [choice, setChoice] = useState(0);
  const put = usePutCartItem();
  const id = useId();
  const option = license.upgrades[choice];

  if (license.upgrades.length === 0) return <p className="muted">This licence is already the largest there is.</p>;

  const describe = (u: License['upgrades'][number]) =>
    [u.sizeLabel, ...u.extended.filter((c) => !license.extended.includes(c)).map((c) => `+ ${labelFor(c)}`)].join(' ');

  return (
    <div className="upgrade">
      <fieldset className="fieldset">
        <legend className="field__label">Upgrade “{title}” to</legend>
        {license.upgrades.map((u, n) => (
          <label key={n} className="radio license__option">
            <input type="radio" name={`${id}-upgrade`} checked={choice === n} onChange={() => setChoice(n)} />
            <span className="license__label">{describe(u)}</span>
            <span className="license__price">+ {money(u.price)}</span>
          </label>
        ))}
      </fieldset>
      {put.isError && <Alert title="Could not add the upgrade">{put.error.message}</Alert>}
      {put.isSuccess ? (
        <p role="status">
          The upgrade is in your cart. <Link to="/cart">Go to the cart</Link>
        </p>
      ) : (
        <Button
          variant="secondary"
          loading={put.isPending}
          loadingText="Adding…"
          onClick={() =>
            option && put.mutate({ assetId: license.asset.id, size: option.size, extended: option.extended, upgradeOf: license.id })
          }
        >
          Add upgrade to cart
        </Button>
      )}
    </div>
  );
}
