import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { refreshAntiforgeryToken } from '@/api/client';
import { App } from '@/app/app';
import { prefetchSearchPage } from '@/features/catalog/api/prefetch-search-page';
import { createQueryClient } from '@/app/query-client';
import { getMeQueryOptions } from '@/lib/session/get-me';
import './styles.css';

const queryClient = createQueryClient();
// Both start before the first render: the session decides the nav, and the token is needed
// before the first form can be submitted.
void refreshAntiforgeryToken().catch(() => undefined);
void queryClient.prefetchQuery(getMeQueryOptions());
prefetchSearchPage(queryClient, window.location);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
);
