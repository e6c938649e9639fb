-- Per-API-key request counters, shared by every API node: one row per (bucket, one-minute window), bumped by one
-- "insert … on conflict do update … returning hits". Unlogged: counters lost in a crash only give callers a fresh
-- minute, and skipping the WAL keeps the write cheap. Old windows are deleted by a recurring job.
create unlogged table rate_limit_counters (
    bucket       text        not null,
    window_start timestamptz not null,
    hits         int         not null,
    primary key (bucket, window_start)
);
create index rate_limit_counters_window_start_idx on rate_limit_counters (window_start);

-- The first response to a POST sent with an Idempotency-Key, per caller and key, replayed for 24 hours.
-- The row is claimed (status_code null) before the operation runs: the primary key lets exactly one of several
-- concurrent requests with the same key run it. claim_id tells a request's own claim from a later one that took over
-- an abandoned claim (its node died mid-request).
create table idempotency_records (
    user_id      uuid        not null references users (id) on delete cascade,
    key          text        not null check (length(key) between 1 and 255),
    claim_id     uuid        not null,
    method       text        not null,
    path         text        not null,
    request_hash bytea       not null,
    status_code  int,
    content_type text,
    location     text,
    body         bytea,
    created_at   timestamptz not null,
    completed_at timestamptz,
    expires_at   timestamptz not null,
    primary key (user_id, key)
);
create index idempotency_records_expires_at_idx on idempotency_records (expires_at);
