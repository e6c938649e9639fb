import { NavLink } from 'react-router';
import { useShoppingCart } from '../lib/use-shopping-cart';

/**
 * The header's cart entry with the number of photos in it (guest or signed in). The count is part of
 * the link's text, not an aria-label, so what is seen is what is announced ("Cart, 2 items").
 */
export function CartNavLink() {
  const { count } = useShoppingCart();
  return (
    <NavLink to="/cart" className="nav__link">
      Cart
      {count > 0 && (
        <>
          <span className="visually-hidden">, </span>
          <span className="badge badge--count">{count}</span>
          <span className="visually-hidden">{count === 1 ? ' item' : ' items'}</span>
        </>
      )}
    </NavLink>
  );
}
