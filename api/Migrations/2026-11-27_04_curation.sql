-- The editorial board: reason catalogue, review claims, the append-only decision log, appeals.

alter table assets drop constraint assets_status_check;
alter table assets add constraint assets_status_check
    check (status in ('uploaded', 'processing', 'ready', 'failed', 'in_review', 'sent_back', 'published', 'declined', 'appealed'));
alter table assets add column published_at timestamptz;
create index assets_review_queue on assets (submitted_at, id) where status in ('in_review', 'appealed');

-- Machine-readable reasons the co-op maintains; a decision cites one or more.
create table review_reasons (
    code        text primary key check (code ~ '^[a-z0-9-]+$'),
    label       text not null,
    applies_to  text[] not null check (applies_to <@ array['send_back', 'decline']),
    active      boolean not null default true
);
insert into review_reasons (code, label, applies_to) values
    ('technical-quality', 'Technical quality (focus, noise, exposure)', array['send_back', 'decline']),
    ('missing-release', 'A model or property release is missing', array['send_back', 'decline']),
    ('trademark-logo', 'Trademarks or logos are visible', array['send_back', 'decline']),
    ('too-similar', 'Too similar to existing work', array['decline']),
    ('ai-generated', 'AI-generated or AI-edited content', array['decline']),
    ('not-a-fit', 'Not a fit for the collection', array['decline']),
    ('metadata-problems', 'Title or description needs work', array['send_back']),
    ('keywords', 'Keywords are missing, irrelevant or spammy', array['send_back']),
    ('crop', 'Crop or straighten the image', array['send_back']);

-- An editor's claim on an asset, so two editors do not review the same one; claims expire.
create table review_claims (
    asset_id    uuid primary key references assets (id) on delete cascade,
    editor_id   uuid not null references users (id),
    claimed_at  timestamptz not null default now(),
    expires_at  timestamptz not null
);

-- Every decision ever made (who, when, what, why). Append-only: corrections are new decisions.
create table review_decisions (
    id            uuid primary key,
    asset_id      uuid not null references assets (id),
    editor_id     uuid not null references users (id),
    outcome       text not null check (outcome in ('publish', 'send_back', 'decline')),
    reason_codes  text[] not null default '{}',
    note          text check (length(note) <= 2000),
    on_appeal     boolean not null default false,
    submitted_at  timestamptz not null,
    decided_at    timestamptz not null default now()
);
create index review_decisions_asset on review_decisions (asset_id, decided_at);
create index review_decisions_decided on review_decisions (decided_at);

create function review_decisions_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'review_decisions is append-only';
end $$;
create trigger review_decisions_no_change before update or delete on review_decisions
    for each row execute function review_decisions_append_only();

-- One appeal per declined asset.
create table appeals (
    asset_id     uuid primary key references assets (id) on delete cascade,
    note         text check (length(note) <= 2000),
    created_at   timestamptz not null default now()
);
