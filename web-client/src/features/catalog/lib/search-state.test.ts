import { describe, expect, it } from 'vitest';
import { activeFilterCount, clearFilters, emptySearch, parseSearch, searchHref, toSearchParams, type SearchState } from './search-state';

const full: SearchState = {
  q: 'harbour at dawn',
  orientation: 'landscape',
  color: '1e88e5',
  colorDistance: 30,
  license: 'commercial',
  people: 'released',
  minWidth: 2000,
  minHeight: 1500,
  publishedAfter: '2026-01-01',
  publishedBefore: '2026-11-27',
  sort: 'popular',
  contributor: 'ana-okafor',
  collection: '0192f0c1-7a2b-7c3d-8e4f-5a6b7c8d9e0f',
};

describe('search state in the URL', () => {
  it('round-trips every filter through the search params', () => {
    expect(parseSearch(toSearchParams(full))).toEqual(full);
    expect(parseSearch(new URLSearchParams(toSearchParams(full).toString()))).toEqual(full);
  });

  it('round-trips the empty search to an empty query string', () => {
    expect(toSearchParams(emptySearch).toString()).toBe('');
    expect(parseSearch(new URLSearchParams())).toEqual(emptySearch);
  });

  it('writes parameters in one canonical order, leaving defaults out', () => {
    const params = toSearchParams({ ...emptySearch, sort: 'newest', q: ' coffee ', color: 'ff0000', colorDistance: 15, orientation: 'square' });
    expect(params.toString()).toBe('q=coffee&orientation=square&color=ff0000&sort=newest');
  });

  it('ignores unknown parameters and values the API would refuse', () => {
    const state = parseSearch(
      new URLSearchParams(
        'q=meadow&utm_source=mail&orientation=diagonal&color=chartreuse&license=free&people=maybe&minWidth=-5&minHeight=abc' +
          '&publishedAfter=2026-02-30&publishedBefore=yesterday&sort=random&contributor=a&collection=not-a-uuid&colorDistance=500',
      ),
    );
    expect(state).toEqual({ ...emptySearch, q: 'meadow' });
  });

  it('accepts a colour family or a hex with or without #, and keeps the distance only for hex', () => {
    expect(parseSearch(new URLSearchParams('color=Blue&colorDistance=40')).color).toBe('blue');
    expect(parseSearch(new URLSearchParams('color=Blue&colorDistance=40')).colorDistance).toBeNull();
    const hex = parseSearch(new URLSearchParams('color=%23FFAA00&colorDistance=40'));
    expect([hex.color, hex.colorDistance]).toEqual(['ffaa00', 40]);
  });

  it('drops sort=relevance when there are no words to rank by', () => {
    expect(parseSearch(new URLSearchParams('sort=relevance')).sort).toBeNull();
    expect(parseSearch(new URLSearchParams('q=coffee&sort=relevance')).sort).toBe('relevance');
  });

  it('trims the query and cuts it at the API limit', () => {
    expect(parseSearch(new URLSearchParams(`q=${'x'.repeat(500)}`)).q).toHaveLength(200);
    expect(parseSearch(new URLSearchParams('q=%20%20lighthouse%20')).q).toBe('lighthouse');
  });

  it('counts and clears filters but keeps the words and the sort', () => {
    expect(activeFilterCount(full)).toBe(10);
    const cleared = clearFilters(full);
    expect(activeFilterCount(cleared)).toBe(0);
    expect([cleared.q, cleared.sort]).toEqual(['harbour at dawn', 'popular']);
  });

  it('builds links for a keyword', () => {
    expect(searchHref({ q: 'red boat' })).toBe('/search?q=red+boat');
    expect(searchHref({})).toBe('/search');
  });
});
