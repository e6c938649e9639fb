-- API keys for third-party integrations. The key in clear is shown once at creation and never stored:
-- a request is matched by the SHA-256 of the key it presents. The prefix (the first 12 characters)
-- is kept so a member can recognise a key in their list and in a leak report.
create table api_keys (
    id            uuid primary key,
    user_id       uuid not null references users (id) on delete cascade,
    name          text not null check (length(name) between 1 and 100),
    prefix        text not null check (length(prefix) = 12 and prefix like 'mcp\_%'),
    key_hash      bytea not null unique check (length(key_hash) = 32),
    scopes        text[] not null check (
                      cardinality(scopes) between 1 and 8
                      and scopes <@ array['catalog:read', 'lightboxes:write', 'licenses:read', 'licenses:write',
                                          'uploads:write', 'assets:read', 'earnings:read', 'webhooks:write']::text[]),
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create index api_keys_user_active on api_keys (user_id, created_at desc) where revoked_at is null;
