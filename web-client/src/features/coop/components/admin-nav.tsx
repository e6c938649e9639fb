import { NavLink } from 'react-router';

/** The admins' money pages, shown on each of them. */
export function AdminNav() {
  return (
    <nav className="admin-nav" aria-label="Co-op admin">
      <ul>
        <li>
          <NavLink to="/admin/payouts">Payout runs</NavLink>
        </li>
        <li>
          <NavLink to="/admin/patronage">Patronage</NavLink>
        </li>
        <li>
          <NavLink to="/admin/expenses">Expenses</NavLink>
        </li>
        <li>
          <NavLink to="/coop/books">Books</NavLink>
        </li>
        <li>
          <NavLink to="/admin/outbox">Outbox</NavLink>
        </li>
        <li>
          <NavLink to="/admin/reports">Reported messages</NavLink>
        </li>
      </ul>
    </nav>
  );
}
