import { NavLink } from 'react-router';

/** The account menu: profile, purchases and licences, shown on each of those pages. */
export function AccountNav() {
  return (
    <nav className="account-nav" aria-label="Account">
      <ul>
        <li>
          <NavLink to="/account" end>
            Profile
          </NavLink>
        </li>
        <li>
          <NavLink to="/cart">Cart</NavLink>
        </li>
        <li>
          <NavLink to="/account/orders">Orders</NavLink>
        </li>
        <li>
          <NavLink to="/account/licenses">Licences</NavLink>
        </li>
      </ul>
    </nav>
  );
}
