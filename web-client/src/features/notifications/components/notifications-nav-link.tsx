import { NavLink } from 'react-router';
import { useMyNotifications } from '../api/get-my-notifications';

/** The nav entry with the unread count, so decisions are noticed without opening anything. */
export function NotificationsNavLink() {
  const notifications = useMyNotifications();
  const unread = notifications.data?.unreadCount ?? 0;
  return (
    <NavLink to="/notifications" className="nav__link" aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}>
      Notifications{unread > 0 && <span className="badge badge--count">{unread}</span>}
    </NavLink>
  );
}
