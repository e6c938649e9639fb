-- Outgoing webhooks: endpoints a member registers, the events that happened to them, and one delivery per
-- (endpoint, event). Deliveries are the outbox: an event and its deliveries are inserted in the transaction of the
-- business change (a rollback sends nothing, a crash after commit loses nothing); the delivery job sends them later.

create table webhook_endpoints (
    id                     uuid primary key,
    user_id                uuid not null references users (id) on delete cascade,
    url                    text not null check (length(url) <= 2048),
    description            text check (length(description) <= 200),
    events                 text[] not null check (cardinality(events) > 0),
    -- Secrets are kept encrypted by ASP.NET Core data protection (the key ring every node shares), never in clear.
    secret_protected       text not null,
    -- During a rotation the old secret stays valid until previous_secret_expires_at: both signatures are sent.
    previous_secret_protected text,
    previous_secret_expires_at timestamptz,
    enabled                boolean not null default true,
    disabled_at            timestamptz,
    disabled_reason        text,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    check ((previous_secret_protected is null) = (previous_secret_expires_at is null))
);
create index webhook_endpoints_user on webhook_endpoints (user_id, created_at);
-- Publishing looks up the subscribed, enabled endpoints of one account inside business transactions.
create index webhook_endpoints_events on webhook_endpoints using gin (events) where enabled;

create table webhook_events (
    id          uuid primary key,
    user_id     uuid not null references users (id) on delete cascade,
    type        text not null,
    -- The whole envelope ({id, type, created_at, data}); its text form is the body that is signed and sent, so a
    -- retry sends the very same bytes.
    payload     jsonb not null,
    occurred_at timestamptz not null default now()
);
create index webhook_events_user on webhook_events (user_id, occurred_at);

create table webhook_deliveries (
    id               uuid primary key,
    endpoint_id      uuid not null references webhook_endpoints (id) on delete cascade,
    event_id         uuid not null references webhook_events (id) on delete cascade,
    -- pending: waiting for its (next) attempt; delivered: a 2xx came back; failed: given up (3 days, 410, refused).
    status           text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
    attempts         int not null default 0,
    -- Also the lease: a worker that claims a delivery moves this past its request timeout, so no other worker
    -- takes it meanwhile, and a worker that dies leaves it due again.
    next_attempt_at  timestamptz not null default now(),
    last_attempt_at  timestamptz,
    last_status_code int,
    last_error       text,
    response_excerpt text,
    delivered_at     timestamptz,
    manual           boolean not null default false,
    created_at       timestamptz not null default now()
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at desc);
create index webhook_deliveries_event on webhook_deliveries (event_id);
