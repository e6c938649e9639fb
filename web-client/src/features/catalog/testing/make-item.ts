import type { CatalogItem, SearchResult } from '../api/search-assets';

let next = 0;

/** A catalogue item as the search API returns it; override what a test cares about. */
export function makeItem(overrides: Partial<CatalogItem> = {}): CatalogItem {
  next += 1;
  const id = `0192f0c1-0000-7000-8000-${String(next).padStart(12, '0')}`;
  return {
    id,
    title: `Photo ${next}`,
    width: 6000,
    height: 4000,
    orientation: 'landscape',
    contributor: { handle: 'ana-okafor', displayName: 'Ana Okafor' },
    thumbnail: { url: `/media/renditions/t${next}.jpg`, width: 480, height: 320 },
    preview: { url: `/media/renditions/p${next}.jpg`, width: 1600, height: 1067 },
    blurPlaceholder: 'data:image/png;base64,AAAA',
    editorialOnly: false,
    publishedAt: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

export function makeResult(items: CatalogItem[], overrides: Partial<SearchResult> = {}): SearchResult {
  return { items, nextCursor: null, total: { value: items.length, exact: true }, facets: null, correctedQuery: null, ...overrides };
}
