import { NavLink } from 'react-router';
import { useUnreadCounts } from '../api/get-unread-counts';

/** "Inbox" in the header with the number of threads that have unread messages (refreshed every 30 s and after reads). */
export function InboxNavLink() {
  const unread = useUnreadCounts();
  const count = unread.data?.threads ?? 0;
  return (
    <NavLink to="/inbox" className="nav__link" aria-label={count > 0 ? `Inbox, ${count} unread` : 'Inbox'}>
      Inbox{count > 0 && <span className="badge badge--count">{count}</span>}
    </NavLink>
  );
}

/** "Board" for members, with the number of topics that have something new. */
export function BoardNavLink() {
  const unread = useUnreadCounts();
  const count = unread.data?.board ?? 0;
  return (
    <NavLink to="/board" className="nav__link" aria-label={count > 0 ? `Board, ${count} with new posts` : 'Board'}>
      Board{count > 0 && <span className="badge badge--count">{count}</span>}
    </NavLink>
  );
}
