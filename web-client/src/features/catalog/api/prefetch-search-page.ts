import type { QueryClient } from '@tanstack/react-query';
import { parseSearch, toSearchParams } from '../lib/search-state';
import { PAGE_SIZE, searchAssetsQueryOptions, type SearchResult } from './search-assets';

/** The id of the script element in which the server embeds a search link's first page (the API's SearchPageHead). */
export const EMBEDDED_SEARCH_ID = 'search-page-data';

type EmbeddedSearch = { query: string; limit: number; result: SearchResult };

/** The page the server embedded in this document, removed so that it is used once, at start-up. */
function takeEmbeddedSearch(doc: Document): EmbeddedSearch | null {
  const element = doc.getElementById(EMBEDDED_SEARCH_ID);
  if (!element) return null;
  element.remove();
  try {
    const data = JSON.parse(element.textContent ?? '') as Partial<EmbeddedSearch>;
    return typeof data.query === 'string' && typeof data.limit === 'number' && Array.isArray(data.result?.items)
      ? (data as EmbeddedSearch)
      : null;
  } catch {
    return null;
  }
}

/**
 * A search link (shared, bookmarked, from a search engine) is the storefront's usual landing page. The server embeds
 * its first page of results in the HTML; without that, the page starts loading as soon as the app starts, before
 * React and the router have rendered anything: on a phone link that is most of the wait for the first photos.
 * The embedded page is used only when the URL is the one the app itself writes for the search (canonical order,
 * no unknown or refused values): then the server answered exactly the query the app would have sent.
 */
export function prefetchSearchPage(queryClient: QueryClient, location: Pick<Location, 'pathname' | 'search'>, doc: Document = document) {
  const embedded = takeEmbeddedSearch(doc);
  if (location.pathname !== '/search') return;
  const params = new URLSearchParams(location.search);
  const state = parseSearch(params);
  const options = searchAssetsQueryOptions(state);
  const canonical = params.toString() === toSearchParams(state).toString();
  if (embedded && canonical && embedded.query === location.search && embedded.limit === PAGE_SIZE) {
    queryClient.setQueryData(options.queryKey, { pages: [embedded.result], pageParams: [null] });
    return;
  }
  void queryClient.prefetchInfiniteQuery(options);
}
