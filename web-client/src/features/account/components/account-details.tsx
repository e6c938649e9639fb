import type { Me } from '@/lib/session/get-me';

const ROLE_LABELS: Record<string, string> = {
  buyer: 'Buyer',
  contributor: 'Contributor',
  editor: 'Editor',
  admin: 'Admin',
};

const MEMBER_CLASS_LABELS: Record<string, string> = {
  contributor: 'Contributor member',
  worker: 'Worker member',
  founder: 'Founder member',
  buyerMember: 'Buyer member',
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

function memberClassLabel(memberClass: string | null | undefined): string {
  if (!memberClass) return 'Member';
  return MEMBER_CLASS_LABELS[memberClass] ?? memberClass;
}

export function AccountDetails({ me }: { me: Me }) {
  const roles = (me.roles ?? []).map((r) => ROLE_LABELS[r] ?? r);
  const membership = me.membership;

  return (
    <div className="account">
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <dl className="details">
          <div>
            <dt>Display name</dt>
            <dd>{me.displayName}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{me.email}</dd>
          </div>
          <div>
            <dt>Roles</dt>
            <dd>
              {roles.length > 0 ? (
                <ul className="tags" aria-label="Roles">
                  {roles.map((role) => (
                    <li key={role} className="tag">
                      {role}
                    </li>
                  ))}
                </ul>
              ) : (
                'None yet'
              )}
            </dd>
          </div>
          <div>
            <dt>Account created</dt>
            <dd>
              <time dateTime={me.createdAt ?? undefined}>{formatDate(me.createdAt)}</time>
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="membership-heading">
        <h2 id="membership-heading">Co-op membership</h2>
        {membership ? (
          <dl className="details">
            <div>
              <dt>Member class</dt>
              <dd>{memberClassLabel(membership.memberClass)}</dd>
            </div>
            <div>
              <dt>Shares</dt>
              <dd>{membership.shares ?? 0}</dd>
            </div>
            <div>
              <dt>Member since</dt>
              <dd>
                <time dateTime={membership.joinedAt ?? undefined}>{formatDate(membership.joinedAt)}</time>
              </dd>
            </div>
          </dl>
        ) : (
          <p>
            You are not a member of the co-op yet. Photographers join by applying with a portfolio; buyers can become
            buyer-members.
          </p>
        )}
      </section>
    </div>
  );
}
