import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useMemberDirectory } from '../api/directory-list';
import { CoopSectionNav } from '../components/coop-section-nav';
import { memberClassLabel } from '../components/settings-format';
import '../governance-settings.css';

const CLASSES = ['contributor', 'worker', 'founder', 'buyerMember'] as const;

/** `/coop/directory` (members): the members who chose to be listed; search by name, filter by class. */
export function DirectoryPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const memberClass = params.get('class') ?? '';
  const directory = useMemberDirectory(q, memberClass);
  const members = directory.data?.pages.flatMap((p) => p.items) ?? [];
  const searchId = useId();
  const classId = useId();

  return (
    <div className="gov-page">
      <CoopSectionNav />
      <PageHeading title="Member directory">Member directory</PageHeading>
      <p className="lede">Members who chose to be listed. Add yourself from your account page.</p>
      <form
        className="gov-toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const next = new URLSearchParams();
          const text = String(form.get('q') ?? '').trim();
          if (text) next.set('q', text);
          if (memberClass) next.set('class', memberClass);
          setParams(next, { replace: true });
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor={searchId}>Name</label>
          <input id={searchId} name="q" type="search" className="field__input" defaultValue={q} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={classId}>Class</label>
          <select
            id={classId}
            className="field__input"
            value={memberClass}
            onChange={(event) => {
              const next = new URLSearchParams(params);
              if (event.target.value) next.set('class', event.target.value);
              else next.delete('class');
              setParams(next, { replace: true });
            }}
          >
            <option value="">Every class</option>
            {CLASSES.map((c) => <option key={c} value={c}>{memberClassLabel(c)}</option>)}
          </select>
        </div>
        <Button type="submit" variant="secondary">Search</Button>
      </form>
      {directory.isPending && <Spinner label="Loading the directory…" />}
      {directory.isError && <Alert title="Could not load the directory">{directory.error.message}</Alert>}
      {directory.data && members.length === 0 && <p>No listed member matches.</p>}
      <ul className="gov-cards" aria-label="Members">
        {members.map((m) => (
          <li key={m.id} className="gov-card">
            {m.avatar && <img src={m.avatar.url} width={48} height={48} alt="" loading="lazy" />}
            <strong>{m.displayName}</strong>
            <span>@{m.handle}</span>
            <span>
              {memberClassLabel(m.memberClass)}
              {m.board ? ' · Board member' : ''} · member since {new Date(m.joinedAt).getFullYear()}
            </span>
            {m.bio && <p>{m.bio}</p>}
          </li>
        ))}
      </ul>
      {directory.hasNextPage && (
        <Button variant="secondary" loading={directory.isFetchingNextPage} onClick={() => void directory.fetchNextPage()}>
          More members
        </Button>
      )}
    </div>
  );
}
