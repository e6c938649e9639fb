/**
 * Every search is a URL: the query, filters and sort live in the search params, so the back button
 * restores the previous search and a copied link shows the same results. Parsing is forgiving —
 * unknown parameters and values the API would refuse are dropped rather than shown as an error —
 * and serialising is canonical (fixed order, defaults left out) so equal searches share one URL
 * and one cache entry.
 */

export const ORIENTATIONS = ['landscape', 'portrait', 'square', 'panorama'] as const;
export const LICENSES = ['commercial', 'editorial'] as const;
export const PEOPLE = ['released', 'none'] as const;
export const SORTS = ['relevance', 'newest', 'popular'] as const;
/** The API's colour families, in spectrum order, with a representative swatch. */
export const COLOR_FAMILIES = [
  { name: 'red', swatch: '#d32f2f' },
  { name: 'orange', swatch: '#f57c00' },
  { name: 'yellow', swatch: '#fbc02d' },
  { name: 'lime', swatch: '#afb42b' },
  { name: 'green', swatch: '#388e3c' },
  { name: 'teal', swatch: '#00897b' },
  { name: 'blue', swatch: '#1e88e5' },
  { name: 'navy', swatch: '#1a237e' },
  { name: 'purple', swatch: '#7b1fa2' },
  { name: 'pink', swatch: '#ec407a' },
  { name: 'brown', swatch: '#6d4c41' },
  { name: 'beige', swatch: '#d7c4a3' },
  { name: 'black', swatch: '#111111' },
  { name: 'grey', swatch: '#9e9e9e' },
  { name: 'white', swatch: '#ffffff' },
] as const;

export type Orientation = (typeof ORIENTATIONS)[number];
export type License = (typeof LICENSES)[number];
export type People = (typeof PEOPLE)[number];
export type Sort = (typeof SORTS)[number];

export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_COLOR_DISTANCE = 15;
const MAX_PIXELS = 100_000;

export type SearchState = {
  q: string;
  orientation: Orientation | null;
  /** A family name ("blue") or six lowercase hex digits without "#". */
  color: string | null;
  /** 1–100, only meaningful with a hex colour. */
  colorDistance: number | null;
  license: License | null;
  people: People | null;
  minWidth: number | null;
  minHeight: number | null;
  /** yyyy-mm-dd */
  publishedAfter: string | null;
  publishedBefore: string | null;
  /** Null means the API's default: relevance with a query, newest without. */
  sort: Sort | null;
  contributor: string | null;
  collection: string | null;
};

export const emptySearch: SearchState = {
  q: '',
  orientation: null,
  color: null,
  colorDistance: null,
  license: null,
  people: null,
  minWidth: null,
  minHeight: null,
  publishedAfter: null,
  publishedBefore: null,
  sort: null,
  contributor: null,
  collection: null,
};

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;

function intIn(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^\d{1,9}$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= min && n <= max ? n : null;
}

function date(value: string | null): string | null {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) ? value : null;
}

const FAMILY_NAMES: readonly string[] = COLOR_FAMILIES.map((f) => f.name);

/** "blue" or "#1E88E5"/"1e88e5" → "blue" / "1e88e5"; anything else → null. */
export function parseColor(value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim().toLowerCase();
  if (FAMILY_NAMES.includes(v)) return v;
  const hex = v.startsWith('#') ? v.slice(1) : v;
  return /^[0-9a-f]{6}$/.test(hex) ? hex : null;
}

export const isHexColor = (color: string | null): color is string => color !== null && /^[0-9a-f]{6}$/.test(color);

const handle = (value: string | null) => (value !== null && /^[a-z0-9][a-z0-9-]{2,39}$/i.test(value) ? value.toLowerCase() : null);
const uuid = (value: string | null) =>
  value !== null && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.toLowerCase() : null;

export function parseSearch(params: URLSearchParams): SearchState {
  const q = (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH);
  const color = parseColor(params.get('color'));
  const sort = oneOf(SORTS, params.get('sort'));
  return {
    q,
    orientation: oneOf(ORIENTATIONS, params.get('orientation')),
    color,
    colorDistance: isHexColor(color) ? intIn(params.get('colorDistance'), 1, 100) : null,
    license: oneOf(LICENSES, params.get('license')),
    people: oneOf(PEOPLE, params.get('people')),
    minWidth: intIn(params.get('minWidth'), 1, MAX_PIXELS),
    minHeight: intIn(params.get('minHeight'), 1, MAX_PIXELS),
    publishedAfter: date(params.get('publishedAfter')),
    publishedBefore: date(params.get('publishedBefore')),
    // Relevance needs words to rank by; without them the API would refuse it.
    sort: sort === 'relevance' && !q ? null : sort,
    contributor: handle(params.get('contributor')),
    collection: uuid(params.get('collection')),
  };
}

/** The canonical URL search params for a state (what the page puts in the address bar). */
export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string | number | null) => {
    if (value !== null && value !== '') params.set(key, String(value));
  };
  set('q', state.q.trim());
  set('orientation', state.orientation);
  set('color', state.color);
  if (isHexColor(state.color) && state.colorDistance !== DEFAULT_COLOR_DISTANCE) set('colorDistance', state.colorDistance);
  set('license', state.license);
  set('people', state.people);
  set('minWidth', state.minWidth);
  set('minHeight', state.minHeight);
  set('publishedAfter', state.publishedAfter);
  set('publishedBefore', state.publishedBefore);
  set('sort', state.sort);
  set('contributor', state.contributor);
  set('collection', state.collection);
  return params;
}

const FILTER_KEYS = [
  'orientation',
  'color',
  'license',
  'people',
  'minWidth',
  'minHeight',
  'publishedAfter',
  'publishedBefore',
  'contributor',
  'collection',
] as const satisfies readonly (keyof SearchState)[];

/** How many filters (anything but the words and the sort) are set. */
export const activeFilterCount = (state: SearchState): number => FILTER_KEYS.filter((key) => state[key] !== null).length;

export const clearFilters = (state: SearchState): SearchState => ({ ...emptySearch, q: state.q, sort: state.sort });

/** `/search?…` for a state, e.g. for keyword links on the asset page. */
export function searchHref(state: Partial<SearchState>): string {
  const query = toSearchParams({ ...emptySearch, ...state }).toString();
  return query ? `/search?${query}` : '/search';
}
