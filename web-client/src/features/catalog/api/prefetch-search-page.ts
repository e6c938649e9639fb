import type { QueryClient } from '@tanstack/react-query';
import { parseSearch } from '../lib/search-state';
import { searchAssetsQueryOptions } from './search-assets';

/**
 * A search link (shared, bookmarked, from a search engine) is the storefront's usual landing page. Its first page of
 * results starts loading as soon as the app starts, before React and the router have rendered anything: on a phone
 * link that is most of the wait for the first photos.
 */
export function prefetchSearchPage(queryClient: QueryClient, location: Pick<Location, 'pathname' | 'search'>) {
  if (location.pathname !== '/search') return;
  void queryClient.prefetchInfiniteQuery(searchAssetsQueryOptions(parseSearch(new URLSearchParams(location.search))));
}
