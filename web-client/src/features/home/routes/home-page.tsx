import { Link } from 'react-router';
import { buttonClassName } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { useMe } from '@/lib/session/get-me';
import { FeaturedCollections } from '../components/featured-collections';
import { Headline } from '../components/headline';
import { NewWork } from '../components/new-work';

const POINTS = [
  {
    title: 'Owned by photographers',
    text: 'Every contributor is a member with one share and one vote. The co-op answers to the people behind the lens.',
  },
  {
    title: 'Fair royalties, open books',
    text: '50% of every Standard license and 75% of every Extended license goes to the photographer, and members can read the books.',
  },
  {
    title: 'Curated by people',
    text: 'An editorial board of members reviews every image, so the collection stays distinctive, released and licensable.',
  },
] as const;

export function HomePage() {
  const me = useMe();

  return (
    <>
      <section className="hero" aria-labelledby="hero-heading">
        <div className="hero__inner">
          <p className="hero__eyebrow">A photographer-owned stock photo co-op</p>
          <PageHeading title="Stock photography, owned by the photographers">
            <span id="hero-heading">Stock photography, owned by the photographers</span>
          </PageHeading>
          <p className="hero__lede">
            License distinctive, curated images with clear terms, knowing that most of what you pay goes to the person
            who made them.
          </p>
          <div className="hero__actions">
            {me.data ? (
              <Link className={buttonClassName('primary')} to="/account">
                Go to your account
              </Link>
            ) : (
              <>
                <Link className={buttonClassName('primary')} to="/sign-up">
                  Create an account
                </Link>
                <Link className={buttonClassName('secondary')} to="/sign-in">
                  Sign in
                </Link>
              </>
            )}
          </div>
          <Headline />
        </div>
      </section>

      <FeaturedCollections />

      <NewWork />

      <section className="points" aria-label="Why MediaCoop">
        {POINTS.map((p) => (
          <article key={p.title} className="point">
            <h2>{p.title}</h2>
            <p>{p.text}</p>
          </article>
        ))}
      </section>
    </>
  );
}
