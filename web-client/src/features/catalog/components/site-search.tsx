import { useLocation, useNavigate } from 'react-router';
import { searchHref } from '../lib/search-state';

/**
 * The header's search box on every page: a fresh search for the words (filters are set on the
 * search page). On /search it shows the words being searched.
 */
export function SiteSearch() {
  const navigate = useNavigate();
  const location = useLocation();
  const current = location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : '';

  return (
    <form
      role="search"
      aria-label="Site search"
      className="site-search"
      // A new search (or navigation) resets the box to what is being searched.
      key={current}
      onSubmit={(event) => {
        event.preventDefault();
        const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
        void navigate(searchHref({ q }));
      }}
    >
      <label htmlFor="site-search-q" className="visually-hidden">
        Search photos
      </label>
      <input
        id="site-search-q"
        name="q"
        type="search"
        className="site-search__input"
        placeholder="Search photos"
        defaultValue={current}
        maxLength={200}
        autoComplete="off"
        enterKeyHint="search"
      />
      <button type="submit" className="site-search__button">
        <span aria-hidden="true">⌕</span>
        <span className="visually-hidden">Search</span>
      </button>
    </form>
  );
}
