-- Payouts: contributors' Stripe Connect Express accounts, the monthly payout runs, and each payout's transfer.
-- A payout row and its `payout:<id>` journal commit together before Stripe is called; the transfer carries the
-- idempotency key `payout-<id>` and the transfer group `payout_<id>`, so a retry (even after Stripe forgot the key,
-- 24 h on) finds the transfer it already made instead of sending a second one.

-- roy-sales defines these two in migration 22, which runs first; `if not exists` keeps this file runnable on a
-- branch without it (the definitions are the shared brief's).
create table if not exists coop_settings (
    key        text primary key,
    value      jsonb not null,
    updated_at timestamptz not null default now()
);
create table if not exists transfer_reversal_requests (
    id         uuid primary key,
    user_id    uuid not null references users (id),
    amount     bigint not null check (amount > 0),
    currency   text not null check (currency ~ '^[A-Z]{3}$'),
    journal_id uuid not null,
    status     text not null default 'pending' check (status in ('pending', 'reversed', 'failed', 'netted')),
    created_at timestamptz not null default now()
);
-- What processing a request needs (the payouts feature owns these columns).
alter table transfer_reversal_requests
    add column if not exists reversed_amount bigint not null default 0,
    add column if not exists attempts int not null default 0,
    add column if not exists last_error text,
    add column if not exists next_attempt_at timestamptz not null default now(),
    add column if not exists processed_at timestamptz;
create index if not exists transfer_reversal_requests_due on transfer_reversal_requests (next_attempt_at) where status = 'pending';

create table payout_accounts (
    user_id           uuid primary key references users (id),
    stripe_account_id text unique,
    -- none: no Stripe account yet; onboarding: created, Stripe still needs details; enabled: transfers and payouts on.
    status            text not null default 'none' check (status in ('none', 'onboarding', 'enabled')),
    -- The member asked us to keep their royalties for now (e.g. for tax reasons): runs skip them.
    hold              boolean not null default false,
    updated_at        timestamptz not null default now(),
    check ((status = 'none') = (stripe_account_id is null))
);

create table payout_runs (
    id          uuid primary key,
    -- 'yyyy-mm': at most one payout per member and currency per period, however often a run starts.
    period      text not null check (period ~ '^[0-9]{4}-[0-9]{2}$'),
    started_at  timestamptz not null,
    finished_at timestamptz,
    -- Set by whom: null for the scheduled run.
    started_by  uuid references users (id),
    created     int not null default 0,
    paid        int not null default 0,
    failed      int not null default 0
);

create table payouts (
    id                 uuid primary key,
    user_id            uuid not null references users (id),
    amount             bigint not null check (amount > 0),
    currency           text not null check (currency ~ '^[A-Z]{3}$'),
    period             text not null check (period ~ '^[0-9]{4}-[0-9]{2}$'),
    -- pending: waiting for a (re)try; sent: a transfer request is out, its answer not yet recorded;
    -- paid: Stripe made the transfer (for Connect that is the money moving); failed: given up, owed again.
    status             text not null default 'pending' check (status in ('pending', 'sent', 'paid', 'failed')),
    transfer_group     text not null unique,
    stripe_account_id  text not null,
    stripe_transfer_id text unique,
    attempts           int not null default 0,
    last_error         text,
    next_attempt_at    timestamptz not null,
    created_at         timestamptz not null,
    sent_at            timestamptz,
    run_id             uuid references payout_runs (id),
    check (transfer_group = 'payout_' || id::text),
    check ((status = 'paid') = (stripe_transfer_id is not null))
);
-- One live payout per member, currency and period: a second run in the month pays no one twice. A failed payout
-- (no transfer was made, its amount is owed again) does not count, so a run after the member fixed their account pays it.
create unique index payouts_one_per_period on payouts (user_id, currency, period) where status <> 'failed';
create index payouts_user on payouts (user_id, created_at desc);
create index payouts_due on payouts (next_attempt_at) where status in ('pending', 'sent');

-- Which transfer a reversal request took money back from (a request may span several recent payouts).
create table payout_reversals (
    request_id         uuid not null references transfer_reversal_requests (id),
    payout_id          uuid not null references payouts (id),
    amount             bigint not null check (amount > 0),
    stripe_reversal_id text not null unique,
    created_at         timestamptz not null,
    primary key (request_id, payout_id)
);
