import { Link } from 'react-router';
import { useFeaturedCollections } from '../api/list-featured-collections';

/** The editors' picks; the section is left out entirely until there is something to show. */
export function FeaturedCollections() {
  const collections = useFeaturedCollections();
  const items = collections.data?.items ?? [];
  if (items.length === 0) return null;

  return (
    <section className="featured" aria-labelledby="featured-heading">
      <h2 id="featured-heading">Editors’ picks</h2>
      <ul className="featured__list">
        {items.map((collection) => (
          <li key={collection.id} className="card featured__item">
            {collection.cover && (
              <img
                src={collection.cover.url}
                width={collection.cover.width}
                height={collection.cover.height}
                alt=""
                loading="lazy"
                className="featured__cover"
              />
            )}
            <h3>
              <Link to={`/search?collection=${collection.id}`}>{collection.title}</Link>
            </h3>
            {collection.description && <p>{collection.description}</p>}
            <p className="muted">
              {collection.assetCount} {collection.assetCount === 1 ? 'photo' : 'photos'}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
