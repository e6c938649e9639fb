import { NavLink } from 'react-router';
import { useShoppingCart } from '../lib/use-shopping-cart';

/** The header's cart entry with the number of photos in it (guest or signed in). */
export function CartNavLink() {
  const { count } = useShoppingCart();
  return (
    <NavLink to="/cart" className="nav__link" aria-label={count > 0 ? `Cart, ${count} ${count === 1 ? 'item' : 'items'}` : 'Cart'}>
      Cart{count > 0 && <span className="badge badge--count">{count}</span>}
    </NavLink>
  );
}
