import { Suspense } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration } from 'react-router';
import { Spinner } from '@/components/ui/spinner';
import { SignOutButton } from '@/features/auth/components/sign-out-button';
import { useMe } from '@/lib/session/get-me';
import { CONTRIBUTOR_ROLE } from './require-contributor';
import { isEditor } from './require-editor';
import { NotificationsNavLink } from '@/features/notifications/components/notifications-nav-link';
import { SiteSearch } from '@/features/catalog/components/site-search';
import { CartNavLink } from '@/features/licensing/components/cart-nav-link';
import { useGuestCartMerge } from '@/features/licensing/lib/use-guest-cart-merge';
import { BoardNavLink, InboxNavLink } from '@/features/messaging/components/inbox-nav-link';

export function Layout() {
  const me = useMe();
  useGuestCartMerge();

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true" />
            MediaCoop
          </Link>
          <SiteSearch />
          <nav className="nav" aria-label="Main">
            {/* Nothing until the session is known, so signed-in users never see "Sign in" flash. */}
            {me.data ? (
              <ul className="nav__list">
                <li className="nav__user">
                  <span className="visually-hidden">Signed in as </span>
                  {me.data.displayName}
                </li>
                {me.data.roles.includes(CONTRIBUTOR_ROLE) && (
                  <>
                    <li>
                      <NavLink to="/upload" className="nav__link">
                        Upload
                      </NavLink>
                    </li>
                    <li>
                      <NavLink to="/portfolio" className="nav__link">
                        My portfolio
                      </NavLink>
                    </li>
                  </>
                )}
                <li>
                  <NavLink to="/lightboxes" className="nav__link">
                    Lightboxes
                  </NavLink>
                </li>
                {me.data.membership && (
                  <li>
                    {/* The co-op's pages share one entry: votes first, the rest in the section's own menu. */}
                    <NavLink to="/coop/proposals" className="nav__link">
                      Co-op
                    </NavLink>
                  </li>
                )}
                {isEditor(me.data) && (
                  <li>
                    <NavLink to="/review" end className="nav__link">
                      Review
                    </NavLink>
                  </li>
                )}
                {me.data?.roles.includes('admin') && (
                  <li>
                    <NavLink to="/admin/outbox" className="nav__link">
                      Outbox
                    </NavLink>
                  </li>
                )}
                <li>
                  <InboxNavLink />
                </li>
                {me.data.membership && (
                  <li>
                    <BoardNavLink />
                  </li>
                )}
                <li>
                  <NotificationsNavLink />
                </li>
                <li>
                  <CartNavLink />
                </li>
                <li>
                  <NavLink to="/account" className="nav__link">
                    Account
                  </NavLink>
                </li>
                <li>
                  <SignOutButton />
                </li>
              </ul>
            ) : me.data === null || me.isError ? (
              <ul className="nav__list">
                <li>
                  <CartNavLink />
                </li>
                <li>
                  <NavLink to="/sign-in" className="nav__link">
                    Sign in
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/sign-up" className="nav__link nav__link--cta">
                    Sign up
                  </NavLink>
                </li>
              </ul>
            ) : null}
          </nav>
        </div>
      </header>
      <main className="main" id="main">
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
      {/* New pages start at the top; Back returns to where the reader was (e.g. deep in search results). */}
      <ScrollRestoration />
      <footer className="footer">
        <p>MediaCoop is a cooperative owned by its photographers and workers.</p>
        <nav aria-label="Footer">
          <Link to="/review/stats">Review times</Link> · <Link to="/verify">Verify a licence</Link> ·{' '}
          <Link to="/developers">Developers</Link>
        </nav>
      </footer>
    </div>
  );
}
