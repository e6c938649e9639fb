import { NavLink } from 'react-router';
import { useUnreadCounts } from '../api/get-unread-counts';

/**
 * "Inbox" in the header with the number of threads that have unread messages (refreshed every 30 s and after reads).
 * The count is part of the visible name ("Inbox 2 unread"), not an aria-label that differs from what is shown.
 */
export function InboxNavLink() {
  const unread = useUnreadCounts();
  const count = unread.data?.threads ?? 0;
  return (
    <NavLink to="/inbox" className="nav__link">
      Inbox{' '}
      {count > 0 && (
        <span className="badge badge--count">
          {count}{' '}
          <span className="visually-hidden">unread</span>
        </span>
      )}
    </NavLink>
  );
}

/** "Board" for members, with the number of topics that have something new. */
export function BoardNavLink() {
  const unread = useUnreadCounts();
  const count = unread.data?.board ?? 0;
  return (
    <NavLink to="/board" className="nav__link">
      Board{' '}
      {count > 0 && (
        <span className="badge badge--count">
          {count}{' '}
          <span className="visually-hidden">with new posts</span>
        </span>
      )}
    </NavLink>
  );
}
