import { NavLink } from 'react-router';
import { useMe } from '@/lib/session/get-me';
import './account-nav.css';

/**
 * The account menu: profile, purchases and licences, webhooks, and — for the roles that have them — the
 * member's money (earnings, statements, payouts, patronage) and the co-op's books.
 */
export function AccountNav() {
  const me = useMe().data;
  const contributor = !!me?.roles.includes('contributor');
  const member = !!me?.membership;
  const admin = !!me?.roles.includes('admin');
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
        <li>
          <NavLink to="/account/webhooks">Webhooks</NavLink>
        </li>
        {contributor && (
          <>
            <li>
              <NavLink to="/account/earnings">Earnings</NavLink>
            </li>
            <li>
              <NavLink to="/account/statements">Statements</NavLink>
            </li>
            <li>
              <NavLink to="/account/payouts">Payouts</NavLink>
            </li>
          </>
        )}
        {member && (
          <>
            <li>
              <NavLink to="/account/patronage">Patronage</NavLink>
            </li>
            <li>
              <NavLink to="/coop/books">Co-op books</NavLink>
            </li>
            <li>
              <NavLink to="/coop/proposals">Proposals</NavLink>
            </li>
            <li>
              <NavLink to="/coop/settings">Co-op settings</NavLink>
            </li>
            <li>
              <NavLink to="/coop/meetings">Meetings</NavLink>
            </li>
            <li>
              <NavLink to="/coop/directory">Directory</NavLink>
            </li>
          </>
        )}
        {admin && (
          <li>
            <NavLink to="/admin/payouts">Co-op admin</NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}
