import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useMyNotifications } from '../api/get-my-notifications';
import { useMarkNotificationsRead } from '../api/mark-notifications-read';

export function NotificationsPage() {
  const notifications = useMyNotifications();
  const markRead = useMarkNotificationsRead();
  const items = notifications.data?.items ?? [];
  const unread = notifications.data?.unreadCount ?? 0;

  return (
    <div className="notifications-page">
      <PageHeading title="Notifications">Notifications</PageHeading>
      {notifications.isPending && <Spinner label="Loading notifications…" />}
      {notifications.isError && <Alert title="Could not load notifications">{notifications.error.message}</Alert>}
      {unread > 0 && (
        <Button variant="secondary" loading={markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
          Mark all as read
        </Button>
      )}
      {notifications.isSuccess && items.length === 0 && <p className="empty">Nothing yet. Decisions on your photos will appear here.</p>}
      <ul className="notifications" aria-label="Notifications, newest first">
        {items.map((item) => (
          <li key={item.id} className={`card notification${item.read ? '' : ' notification--unread'}`}>
            <p className="notification__title">
              {!item.read && <span className="visually-hidden">Unread: </span>}
              {item.link ? (
                <Link to={item.link} onClick={() => !item.read && markRead.mutate({ ids: [item.id] })}>
                  {item.title}
                </Link>
              ) : (
                item.title
              )}
            </p>
            {item.body && <p className="notification__body">{item.body}</p>}
            <p className="muted">{new Date(item.createdAt).toLocaleString()}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
