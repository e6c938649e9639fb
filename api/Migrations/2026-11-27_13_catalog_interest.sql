-- Who has shown interest in which photo. A person's lightbox adds count towards a photo's popularity once,
-- however many lightboxes they create, empty or delete: popularity cannot be pumped from one account.
create table catalog_interest (
    user_id     uuid not null references users (id) on delete cascade,
    asset_id    uuid not null references assets (id) on delete cascade,
    first_at    timestamptz not null default now(),
    primary key (asset_id, user_id)
);
