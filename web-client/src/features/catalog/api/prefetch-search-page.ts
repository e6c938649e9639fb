import type { QueryClient } from '@tanstack/react-query';
import { parseSearch } from '../lib/search-state';
import { searchAssetsQueryOptions } from './search-assets';

/**
 * A search link (shared, bookmarked, from a search engine) is the storefront's usual landing page. Its code and its
 * first page of results start loading together as soon as the app starts, instead of the results waiting for the
 * router to load the page's code: one round trip less before the first photos, which on a phone link is most of it.
 */
export function prefetchSearchPage(queryClient: QueryClient, location: Pick<Location, 'pathname' | 'search'>) {
  if (location.pathname !== '/search') return;
  void import('../routes/search-page');
  void queryClient.prefetchInfiniteQuery(searchAssetsQueryOptions(parseSearch(new URLSearchParams(location.search))));
}
