import { NavLink } from 'react-router';
import { useMyNotifications } from '../api/get-my-notifications';

/** The nav entry with the unread count, so decisions are noticed without opening anything. */
export function NotificationsNavLink() {
  const notifications = useMyNotifications();
  const unread = notifications.data?.unreadCount ?? 0;
  return (
    // The count is in the link's text, not an aria-label: axe's label-content-name-mismatch (WCAG 2.5.3) wants the
    // visible words inside the accessible name ("Notifications 1 unread").
    <NavLink to="/notifications" className="nav__link">
      Notifications{' '}
      {unread > 0 && (
        <span className="badge badge--count">
          {unread}{' '}
          <span className="visually-hidden">unread</span>
        </span>
      )}
    </NavLink>
  );
}
