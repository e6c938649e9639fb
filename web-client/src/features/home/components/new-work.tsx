import { Link } from 'react-router';
import { JustifiedGrid } from '@/components/justified-grid';
import { useNewWork } from '../api/list-new-work';

/** The latest published photos; left out until there are some (and on error: the home page still works). */
export function NewWork() {
  const newWork = useNewWork();
  const items = newWork.data?.items ?? [];
  if (items.length === 0) return null;

  return (
    <section className="new-work" aria-labelledby="new-work-heading">
      <div className="section-head">
        <h2 id="new-work-heading">New work</h2>
        <Link to="/search?sort=newest">See all new photos</Link>
      </div>
      <JustifiedGrid photos={items} label="Newest photos" eagerCount={4} />
    </section>
  );
}
