import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '@/api/problem';
import { AccountNav } from '@/components/account-nav';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useExtendedLabels } from '../api/get-license-types';
import { cartKey } from '../api/keys';
import { useRemoveCartItem } from '../api/remove-cart-item';
import type { CartItem, CartProblem, Money, RenditionLink } from '../api/types';
import { browser } from '../lib/browser';
import { checkout } from '../lib/checkout';
import { licenceText, money } from '../lib/describe';
import { guestCartTotal, removeGuestCartItem } from '../lib/guest-cart';
import { forgetCheckoutAttempt } from '../lib/idempotency';
import { useShoppingCart } from '../lib/use-shopping-cart';

type Row = {
  assetId: string;
  title: string;
  thumbnail?: RenditionLink | null;
  sizeLabel: string;
  width: number;
  height: number;
  extended: string[];
  upgradeOf?: string | null;
  price: Money;
  available: boolean;
  unavailableReason?: string | null;
};


export function CartPage() {
  const cart = useShoppingCart();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useRemoveCartItem();
  const labelFor = useExtendedLabels();

  const pay = useMutation({
    mutationFn: checkout,
    onSuccess: ({ start }) => browser.assign(start.redirectUrl),
    onError: (error) => {
      // The cart changed under us (a photo withdrawn, a price or item gone): show the server's view.
      if (error instanceof ApiError && (error.status === 409 || error.status === 422)) {
        if (error.status === 422) forgetCheckoutAttempt();
        void queryClient.invalidateQueries({ queryKey: cartKey });
      }
    },
  });

  if (cart.signedIn === undefined) return <Spinner label="Loading your cart…" />;

  let rows: Row[];
  let total: Money | null;
  let problems: CartProblem[] = [];
  if (cart.signedIn) {
    if (cart.server.isPending) return <Spinner label="Loading your cart…" />;
    if (cart.server.isError)
      return (
        <>
          <PageHeading title="Your cart">Your cart</PageHeading>
          <Alert title="Could not load your cart">{cart.server.error.message}</Alert>
        </>
      );
    rows = cart.server.data.items.map((i: CartItem) => ({ ...i, title: i.title?.trim() || 'Untitled photo' }));
    total = cart.server.data.total;
    problems = cart.server.data.problems ?? [];
  } else {
    rows = cart.guest.map((i) => ({ ...i, available: true }));
    total = guestCartTotal(cart.guest);
  }

  const unavailable = rows.filter((r) => !r.available);
  const merging = cart.signedIn && cart.guest.length > 0;

  return (
    <div className="cart">
      <PageHeading title="Your cart">Your cart</PageHeading>
      {cart.signedIn && <AccountNav />}
      {merging && <Spinner label="Adding the photos you chose before signing in…" />}
      {problems.length > 0 && (
        <Alert tone="info" title="Some photos you chose before signing in were not added">
          <ul>
            {problems.map((p) => (
              <li key={p.assetId}>{p.message}</li>
            ))}
          </ul>
        </Alert>
      )}

      {rows.length === 0 ? (
        <div className="empty">
          <p>Your cart is empty.</p>
          <p>
            <Link to="/search">Find photos to license</Link>
          </p>
        </div>
      ) : (
        <>
          <ul className="cart__items" aria-label="Photos in your cart">
            {rows.map((row) => (
              <li key={`${row.assetId}-${row.upgradeOf ?? ''}`} className={`cart-item card${row.available ? '' : ' cart-item--unavailable'}`}>
                {row.thumbnail ? (
                  <img className="cart-item__thumb" src={row.thumbnail.url} width={row.thumbnail.width} height={row.thumbnail.height} alt="" loading="lazy" />
                ) : (
                  <span className="cart-item__thumb cart-item__thumb--none" aria-hidden="true" />
                )}
                <div className="cart-item__body">
                  <h2 className="cart-item__title">
                    <Link to={`/assets/${row.assetId}`}>{row.title}</Link>
                  </h2>
                  <p className="cart-item__licence">
                    {row.upgradeOf && <span className="badge">Upgrade</span>} {licenceText(row, labelFor)}
                  </p>
                  {!row.available && (
                    <p className="cart-item__problem">
                      <span className="badge badge--declined">Unavailable</span> {row.unavailableReason ?? 'This photo can no longer be licensed.'}
                    </p>
                  )}
                  <div className="actions">
                    {!row.upgradeOf && row.available && (
                      <Link to={`/assets/${row.assetId}`} className="btn btn--ghost btn--small">
                        Change<span className="visually-hidden"> the licence for “{row.title}”</span>
                      </Link>
                    )}
                    <Button
                      variant="ghost"
                      className="btn--small"
                      loading={remove.isPending && remove.variables === row.assetId}
                      onClick={() => (cart.signedIn ? remove.mutate(row.assetId) : removeGuestCartItem(row.assetId))}
                    >
                      Remove<span className="visually-hidden"> “{row.title}”</span>
                    </Button>
                  </div>
                </div>
                <p className="cart-item__price">
                  {row.upgradeOf && <span className="visually-hidden">Difference to pay: </span>}
                  {money(row.price)}
                </p>
              </li>
            ))}
          </ul>
          {remove.isError && <Alert title="Could not remove the photo">{remove.error.message}</Alert>}

          <div className="cart__summary card">
            {total && (
              <p className="cart__total">
                Total <strong>{money(total)}</strong>
                {!cart.signedIn && <span className="muted"> (confirmed at checkout)</span>}
              </p>
            )}
            {unavailable.length > 0 && (
              <Alert title="Remove the unavailable photos to check out">
                {unavailable.length === 1 ? 'One photo' : `${unavailable.length} photos`} in your cart can no longer be licensed.
              </Alert>
            )}
            {pay.isError && (
              <Alert title="Checkout did not start">
                {pay.error.message} {pay.error instanceof ApiError && pay.error.status >= 500 ? 'Please try again.' : ''}
              </Alert>
            )}
            {cart.signedIn ? (
              <Button
                onClick={() => pay.mutate(cart.server.data?.items ?? [])}
                loading={pay.isPending || pay.isSuccess}
                loadingText="Starting checkout…"
                disabled={unavailable.length > 0 || merging}
              >
                Checkout
              </Button>
            ) : (
              <>
                <Button onClick={() => void navigate('/sign-in', { state: { from: '/cart' } })}>Sign in to check out</Button>
                <p className="muted">
                  Your cart is kept in this browser and moves to your account when you sign in. No account?{' '}
                  <Link to="/sign-up" state={{ from: '/cart' }}>
                    Sign up
                  </Link>
                </p>
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}
