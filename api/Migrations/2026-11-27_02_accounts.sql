-- Accounts, roles, sessions and membership. Roles say what a person may do in the product;
-- membership says that they own a share of the co-op. The two are independent.

create table users (
    id              uuid primary key,
    email           citext not null unique,
    display_name    text not null check (length(display_name) between 1 and 80),
    password_hash   text not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

create table user_roles (
    user_id     uuid not null references users (id) on delete cascade,
    role        text not null check (role in ('buyer', 'contributor', 'editor', 'admin')),
    granted_at  timestamptz not null default now(),
    primary key (user_id, role)
);

-- Server-side sessions: the cookie only names one, so signing out revokes it on every node.
create table sessions (
    id            uuid primary key,
    user_id       uuid not null references users (id) on delete cascade,
    created_at    timestamptz not null default now(),
    last_seen_at  timestamptz not null default now(),
    expires_at    timestamptz not null,
    revoked_at    timestamptz,
    user_agent    text
);
create index sessions_user_id on sessions (user_id) where revoked_at is null;

-- Failed sign-ins per email, known or unknown, so a lockout says nothing about which emails exist.
create table sign_in_throttles (
    email            citext primary key,
    failed_count     int not null,
    first_failed_at  timestamptz not null,
    locked_until     timestamptz
);

-- One member, one share, one vote. A person holds at most one current membership.
create table memberships (
    id            uuid primary key,
    user_id       uuid not null references users (id) on delete restrict,
    member_class  text not null check (member_class in ('contributor', 'worker', 'founder', 'buyer_member')),
    shares        int not null default 1 check (shares = 1),
    joined_at     timestamptz not null default now(),
    ended_at      timestamptz
);
create unique index memberships_one_current on memberships (user_id) where ended_at is null;

-- The data-protection key ring shared by every API node (see Platform/DataProtectionKeys.cs).
create table data_protection_keys (
    friendly_name  text primary key,
    xml            text not null,
    created_at     timestamptz not null default now()
);
