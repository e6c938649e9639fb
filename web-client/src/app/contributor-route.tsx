import { ContributorPage } from '@/features/catalog/routes/contributor-page';
import { ContactContributor } from '@/features/messaging/components/contact-contributor';

/** The portfolio with the ways to write to its contributor: the catalogue and messaging features meet here. */
export function ContributorRoute() {
  return (
    <ContributorPage
      renderContact={(profile) => (
        <ContactContributor key={profile.id} target={{ id: profile.id, handle: profile.handle, displayName: profile.displayName }} />
      )}
    />
  );
}
