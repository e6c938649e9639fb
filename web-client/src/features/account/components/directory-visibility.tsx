import { Alert } from '@/components/ui/alert';
import type { Me } from '@/lib/session/get-me';
import { useSetDirectoryVisibility } from '../api/set-directory-visibility';

/** Members only: the opt-in to the member directory (nobody is listed until they tick it). */
export function DirectoryVisibility({ me }: { me: Me }) {
  const set = useSetDirectoryVisibility();
  if (!me.membership) return null;
  return (
    <section aria-labelledby="directory-visibility">
      <h2 id="directory-visibility">Member directory</h2>
      <label>
        <input
          type="checkbox"
          checked={set.isPending ? !!set.variables : me.directoryVisible}
          disabled={set.isPending}
          onChange={(event) => set.mutate(event.target.checked)}
        />{' '}
        List me in the member directory (other members see my name, handle, class, bio and photo)
      </label>
      {set.isError && <Alert title="Could not change your listing">{set.error.message}</Alert>}
    </section>
  );
}
