import { lazy } from 'react';
import type { RouteObject } from 'react-router';
// The search page is where most visitors land (shared links, search engines): it ships with the shell (~3 KB
// gzip) instead of being fetched once the shell has run, one round trip later.
import { SearchPage } from '@/features/catalog/routes/search-page';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { RequireAuth } from './require-auth';
import { RequireContributor } from './require-contributor';
import { RequireEditor } from './require-editor';
import { RouteError } from './route-error';
import { RequireAdmin } from './require-admin';
import { RequireMember } from './require-member';

// Each page is its own chunk; the first load carries only the shell.
const HomePage = lazy(() => import('@/features/home/routes/home-page').then((m) => ({ default: m.HomePage })));
const SignInPage = lazy(() => import('@/features/auth/routes/sign-in-page').then((m) => ({ default: m.SignInPage })));
const SignUpPage = lazy(() => import('@/features/auth/routes/sign-up-page').then((m) => ({ default: m.SignUpPage })));
const AccountPage = lazy(() =>
  import('@/features/account/routes/account-page').then((m) => ({ default: m.AccountPage })),
);
const UploadPage = lazy(() => import('@/features/uploads/routes/upload-page').then((m) => ({ default: m.UploadPage })));
const PortfolioPage = lazy(() =>
  import('@/features/uploads/routes/portfolio-page').then((m) => ({ default: m.PortfolioPage })),
);
const AssetPage = lazy(() => import('@/features/uploads/routes/asset-page').then((m) => ({ default: m.AssetPage })));
const ReviewPage = lazy(() => import('@/features/review/routes/review-page').then((m) => ({ default: m.ReviewPage })));
const ReviewStatsPage = lazy(() =>
  import('@/features/review/routes/review-stats-page').then((m) => ({ default: m.ReviewStatsPage })),
);
const ApplicationsPage = lazy(() =>
  import('@/features/review/routes/applications-page').then((m) => ({ default: m.ApplicationsPage })),
);
const CollectionsPage = lazy(() =>
  import('@/features/review/routes/collections-page').then((m) => ({ default: m.CollectionsPage })),
);
const NotificationsPage = lazy(() =>
  import('@/features/notifications/routes/notifications-page').then((m) => ({ default: m.NotificationsPage })),
);
const ApplyPage = lazy(() => import('@/features/membership/routes/apply-page').then((m) => ({ default: m.ApplyPage })));
const OutboxPage = lazy(() => import('@/features/admin/routes/outbox-page').then((m) => ({ default: m.OutboxPage })));
const CatalogAssetRoute = lazy(() => import('./catalog-asset-route').then((m) => ({ default: m.CatalogAssetRoute })));
const CartPage = lazy(() => import('@/features/licensing/routes/cart-page').then((m) => ({ default: m.CartPage })));
const DemoCheckoutPage = lazy(() =>
  import('@/features/licensing/routes/demo-checkout-page').then((m) => ({ default: m.DemoCheckoutPage })),
);
const OrderPage = lazy(() => import('@/features/licensing/routes/order-page').then((m) => ({ default: m.OrderPage })));
const OrdersPage = lazy(() => import('@/features/licensing/routes/orders-page').then((m) => ({ default: m.OrdersPage })));
const LicensesPage = lazy(() => import('@/features/licensing/routes/licenses-page').then((m) => ({ default: m.LicensesPage })));
const WebhooksPage = lazy(() => import('@/features/webhooks/routes/webhooks-page').then((m) => ({ default: m.WebhooksPage })));
const VerifyPage = lazy(() => import('@/features/licensing/routes/verify-page').then((m) => ({ default: m.VerifyPage })));
const VerifyResultPage = lazy(() =>
  import('@/features/licensing/routes/verify-page').then((m) => ({ default: m.VerifyResultPage })),
);
const LightboxesPage = lazy(() =>
  import('@/features/catalog/routes/lightboxes-page').then((m) => ({ default: m.LightboxesPage })),
);
const LightboxPage = lazy(() => import('@/features/catalog/routes/lightbox-page').then((m) => ({ default: m.LightboxPage })));
const SharedLightboxPage = lazy(() =>
  import('@/features/catalog/routes/shared-lightbox-page').then((m) => ({ default: m.SharedLightboxPage })),
);
const ImportPage = lazy(() => import('@/features/uploads/routes/import-page').then((m) => ({ default: m.ImportPage })));
const DevelopersPage = lazy(() =>
  import('@/features/developers/routes/developers-page').then((m) => ({ default: m.DevelopersPage })),
);
// Royalties and the co-op's books (issue 7).
const EarningsPage = lazy(() => import('@/features/earnings/routes/earnings-page').then((m) => ({ default: m.EarningsPage })));
const StatementsPage = lazy(() =>
  import('@/features/earnings/routes/statements-page').then((m) => ({ default: m.StatementsPage })),
);
const StatementPage = lazy(() => import('@/features/earnings/routes/statement-page').then((m) => ({ default: m.StatementPage })));
const PayoutsPage = lazy(() => import('@/features/earnings/routes/payouts-page').then((m) => ({ default: m.PayoutsPage })));
const PatronagePage = lazy(() => import('@/features/earnings/routes/patronage-page').then((m) => ({ default: m.PatronagePage })));
const BooksPage = lazy(() => import('@/features/coop/routes/books-page').then((m) => ({ default: m.BooksPage })));
const AdminPayoutsPage = lazy(() =>
  import('@/features/coop/routes/admin-payouts-page').then((m) => ({ default: m.AdminPayoutsPage })),
);
const AdminPatronagePage = lazy(() =>
  import('@/features/coop/routes/admin-patronage-page').then((m) => ({ default: m.AdminPatronagePage })),
);
const AdminExpensesPage = lazy(() =>
  import('@/features/coop/routes/admin-expenses-page').then((m) => ({ default: m.AdminExpensesPage })),
);
// Co-op governance (issue 9): proposals and ballots.
const ProposalsPage = lazy(() =>
  import('@/features/governance/proposals/routes/proposals-page').then((m) => ({ default: m.ProposalsPage })),
);
const ProposalPage = lazy(() =>
  import('@/features/governance/proposals/routes/proposal-page').then((m) => ({ default: m.ProposalPage })),
);
const NewProposalPage = lazy(() =>
  import('@/features/governance/proposals/routes/proposal-form-page').then((m) => ({ default: m.NewProposalPage })),
);
const EditProposalPage = lazy(() =>
  import('@/features/governance/proposals/routes/proposal-form-page').then((m) => ({ default: m.EditProposalPage })),
);
// Co-op life (issue 9): settings and their history, meetings and minutes, the member directory.
const SettingsPage = lazy(() => import('@/features/governance/routes/settings-page').then((m) => ({ default: m.SettingsPage })));
const MeetingsPage = lazy(() => import('@/features/governance/routes/meetings-page').then((m) => ({ default: m.MeetingsPage })));
const MeetingPage = lazy(() => import('@/features/governance/routes/meeting-page').then((m) => ({ default: m.MeetingPage })));
const DirectoryPage = lazy(() => import('@/features/governance/routes/directory-page').then((m) => ({ default: m.DirectoryPage })));
// Messaging (issue 9): inbox, conversations, the members' board and the admins' reports queue.
const InboxPage = lazy(() => import('@/features/messaging/routes/inbox-page').then((m) => ({ default: m.InboxPage })));
const ThreadPage = lazy(() => import('@/features/messaging/routes/thread-page').then((m) => ({ default: m.ThreadPage })));
const BoardPage = lazy(() => import('@/features/messaging/routes/board-page').then((m) => ({ default: m.BoardPage })));
const BoardTopicPage = lazy(() =>
  import('@/features/messaging/routes/board-topic-page').then((m) => ({ default: m.BoardTopicPage })),
);
const AdminReportsPage = lazy(() =>
  import('@/features/messaging/routes/admin-reports-page').then((m) => ({ default: m.AdminReportsPage })),
);
const ContributorRoute = lazy(() => import('./contributor-route').then((m) => ({ default: m.ContributorRoute })));

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'sign-up', element: <SignUpPage /> },
      { path: 'review/stats', element: <ReviewStatsPage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'assets/:id', element: <CatalogAssetRoute /> },
      { path: 'cart', element: <CartPage /> },
      { path: 'verify', element: <VerifyPage /> },
      { path: 'verify/:code', element: <VerifyResultPage /> },
      { path: 'c/:handle', element: <ContributorRoute /> },
      { path: 'l/:token', element: <SharedLightboxPage /> },
      { path: 'developers', element: <DevelopersPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: 'account', element: <AccountPage /> },
          { path: 'account/orders', element: <OrdersPage /> },
          { path: 'account/licenses', element: <LicensesPage /> },
          { path: 'account/webhooks', element: <WebhooksPage /> },
          { path: 'orders/:id', element: <OrderPage /> },
          { path: 'checkout/demo/:orderId', element: <DemoCheckoutPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'lightboxes', element: <LightboxesPage /> },
          { path: 'lightboxes/:id', element: <LightboxPage /> },
          { path: 'inbox', element: <InboxPage /> },
          { path: 'inbox/:id', element: <ThreadPage /> },
          // The board pages explain themselves to non-members (RequireMember's wording is about the books).
          { path: 'board', element: <BoardPage /> },
          { path: 'board/:id', element: <BoardTopicPage /> },
          {
            element: <RequireAdmin />,
            children: [
              { path: 'admin/outbox', element: <OutboxPage /> },
              { path: 'admin/payouts', element: <AdminPayoutsPage /> },
              { path: 'admin/patronage', element: <AdminPatronagePage /> },
              { path: 'admin/expenses', element: <AdminExpensesPage /> },
              { path: 'admin/reports', element: <AdminReportsPage /> },
            ],
          },
          {
            element: <RequireMember />,
            children: [
              { path: 'account/patronage', element: <PatronagePage /> },
              { path: 'coop/books', element: <BooksPage /> },
              { path: 'coop/proposals', element: <ProposalsPage /> },
              { path: 'coop/proposals/new', element: <NewProposalPage /> },
              { path: 'coop/proposals/:id', element: <ProposalPage /> },
              { path: 'coop/proposals/:id/edit', element: <EditProposalPage /> },
              { path: 'coop/settings', element: <SettingsPage /> },
              { path: 'coop/meetings', element: <MeetingsPage /> },
              { path: 'coop/meetings/:id', element: <MeetingPage /> },
              { path: 'coop/directory', element: <DirectoryPage /> },
            ],
          },
          { path: 'apply', element: <ApplyPage /> },
          {
            element: <RequireContributor />,
            children: [
              { path: 'upload', element: <UploadPage /> },
              { path: 'portfolio', element: <PortfolioPage /> },
              { path: 'portfolio/import', element: <ImportPage /> },
              { path: 'portfolio/:id', element: <AssetPage /> },
              { path: 'account/earnings', element: <EarningsPage /> },
              { path: 'account/statements', element: <StatementsPage /> },
              { path: 'account/statements/:month', element: <StatementPage /> },
              { path: 'account/payouts', element: <PayoutsPage /> },
            ],
          },
          {
            element: <RequireEditor />,
            children: [
              { path: 'review', element: <ReviewPage /> },
              { path: 'review/applications', element: <ApplicationsPage /> },
              { path: 'review/collections', element: <CollectionsPage /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
