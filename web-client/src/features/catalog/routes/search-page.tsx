import { useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useSearchAssets, type SearchResult } from '../api/search-assets';
import { PhotoResults } from '../components/photo-results';
import { SearchFilters } from '../components/search-filters';
import { activeFilterCount, MAX_QUERY_LENGTH, parseSearch, toSearchParams, type SearchState } from '../lib/search-state';

const numberFormat = new Intl.NumberFormat();

function totalText(result: SearchResult | undefined): string {
  if (!result) return '';
  const { value, exact } = result.total;
  const photos = value === 1 ? 'photo' : 'photos';
  return exact ? `${numberFormat.format(value)} ${photos}` : `About ${numberFormat.format(value)} ${photos}`;
}

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseSearch(params), [params]);
  const results = useSearchAssets(state);
  const [filtersOpen, setFiltersOpen] = useState(false);

  // Each change is a new history entry: Back returns to the previous search, results from the cache.
  const update = (next: SearchState) => setParams(toSearchParams(next));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    // New words: relevance ranking applies again unless another sort was chosen.
    update({ ...state, q, sort: state.sort === 'relevance' && !q ? null : state.sort });
  }

  const first = results.data?.pages[0];
  const photos = useMemo(() => results.data?.pages.flatMap((p) => p.items) ?? [], [results.data]);
  const filterCount = activeFilterCount(state);

  return (
    <div className="search-page">
      <PageHeading title={state.q ? `“${state.q}” photos` : 'Search photos'}>
        {state.q ? <>Photos of “{state.q}”</> : 'Search photos'}
      </PageHeading>

      <form role="search" className="search-box" onSubmit={onSubmit} key={state.q} aria-label="Search the catalogue">
        <label htmlFor="search-q" className="visually-hidden">
          Search words
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          className="field__input"
          defaultValue={state.q}
          maxLength={MAX_QUERY_LENGTH}
          placeholder="harbour at dawn, coffee, mountain…"
          enterKeyHint="search"
        />
        <Button type="submit">Search</Button>
      </form>

      <div className="search-page__body">
        <aside className="search-page__filters" aria-label="Filters">
          <button
            type="button"
            className="btn btn--secondary search-page__filters-toggle"
            aria-expanded={filtersOpen}
            aria-controls="search-filters"
            onClick={() => setFiltersOpen((o) => !o)}
          >
            Filters{filterCount > 0 ? ` (${filterCount})` : ''}
          </button>
          <div id="search-filters" className={filtersOpen ? 'search-page__filters-panel is-open' : 'search-page__filters-panel'}>
            <SearchFilters state={state} facets={first?.facets} onChange={update} />
          </div>
        </aside>

        <section className="search-page__results" aria-labelledby="results-summary">
          <div className="results-head">
            <p id="results-summary" className="results-head__total" role="status">
              {results.isSuccess ? totalText(first) : results.isPending ? 'Searching…' : ''}
            </p>
            {first?.correctedQuery && (
              <p className="results-head__corrected">
                Showing results for <strong>{first.correctedQuery}</strong>
                {state.q && <span className="muted"> (you searched for “{state.q}”)</span>}
              </p>
            )}
          </div>
          {results.isPending && <Spinner label="Searching…" />}
          {results.isError && <Alert title="The search could not be run">{results.error.message}</Alert>}
          {results.isSuccess && photos.length === 0 && (
            <div className="empty">
              <p>No photos match this search.</p>
              {filterCount > 0 && <p>Try removing a filter, or use fewer words.</p>}
            </div>
          )}
          {photos.length > 0 && (
            <PhotoResults
              photos={photos}
              label="Search results"
              hasNextPage={results.hasNextPage}
              isFetchingNextPage={results.isFetchingNextPage}
              fetchNextPage={results.fetchNextPage}
            />
          )}
        </section>
      </div>
    </div>
  );
}
