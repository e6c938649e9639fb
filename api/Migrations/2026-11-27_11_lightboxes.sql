-- Lightboxes: anyone signed in keeps named sets of published photos, and may share one read-only by link.

create table lightboxes (
    id           uuid primary key,
    owner_id     uuid not null references users (id) on delete cascade,
    name         text not null check (length(name) between 1 and 80),
    -- The share link's secret, kept as issued: the owner sees the same link again until they rotate or revoke
    -- it, which a hash could not give back. It only unlocks a read-only list of already public photos.
    share_token  text unique check (length(share_token) between 22 and 64),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index lightboxes_owner on lightboxes (owner_id, updated_at desc, id desc);

create table lightbox_assets (
    lightbox_id  uuid not null references lightboxes (id) on delete cascade,
    asset_id     uuid not null references assets (id) on delete cascade,
    added_at     timestamptz not null default now(),
    -- Removing keeps the row: adding the photo back is not a first add, so it does not count towards
    -- popularity again (see Catalog/Popularity.cs).
    removed_at   timestamptz,
    primary key (lightbox_id, asset_id)
);
create index lightbox_assets_live on lightbox_assets (lightbox_id, added_at desc, asset_id desc) where removed_at is null;
create index lightbox_assets_asset on lightbox_assets (asset_id) where removed_at is null;

-- The orphan sweep asks, for every object under renditions/, whether an avatar still uses it.
create index users_avatar_key on users (avatar_key) where avatar_key is not null;
