-- Membership applications: anyone signed in applies with 10 private sample uploads, links and a statement;
-- the board votes, N different editors' approvals accept (contributor role + membership), one decline declines.

create table membership_applications (
    id              uuid primary key,
    user_id         uuid not null references users (id),
    statement       text not null check (length(statement) <= 2000),
    links           text[] not null default '{}' check (cardinality(links) <= 5),
    status          text not null default 'pending' check (status in ('pending', 'accepted', 'declined')),
    decline_reason  text,
    reapply_after   timestamptz,
    created_at      timestamptz not null default now(),
    decided_at      timestamptz
);
create unique index membership_applications_one_pending on membership_applications (user_id) where status = 'pending';
create index membership_applications_queue on membership_applications (created_at, id) where status = 'pending';
create index membership_applications_user on membership_applications (user_id, created_at);

create table membership_application_samples (
    application_id  uuid not null references membership_applications (id) on delete cascade,
    asset_id        uuid not null references assets (id),
    primary key (application_id, asset_id)
);

create table membership_application_votes (
    application_id  uuid not null references membership_applications (id) on delete cascade,
    editor_id       uuid not null references users (id),
    vote            text not null check (vote in ('approve', 'decline')),
    note            text check (length(note) <= 2000),
    created_at      timestamptz not null default now(),
    primary key (application_id, editor_id)
);
