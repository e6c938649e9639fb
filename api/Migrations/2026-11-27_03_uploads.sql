-- Contributor uploads: originals (private, write-once), their renditions, embedded metadata,
-- credited co-contributors and releases.

create table assets (
    id                 uuid primary key,
    owner_id           uuid not null references users (id),
    -- uploaded -> processing -> ready | failed; ready -> in_review -> published | sent_back | declined
    status             text not null default 'uploaded'
                       check (status in ('uploaded', 'processing', 'ready', 'failed', 'in_review', 'sent_back', 'published', 'declined')),
    failure_reason     text,
    processing_attempts int not null default 0,
    original_key       text not null unique,
    original_filename  text not null,
    content_type       text not null check (content_type in ('image/jpeg', 'image/png')),
    byte_size          bigint not null check (byte_size > 0),
    sha256             bytea not null unique,
    -- Pixel size as displayed, after EXIF orientation.
    width              int not null check (width > 0),
    height             int not null check (height > 0),
    title              text check (length(title) <= 70),
    description        text check (length(description) <= 2000),
    keywords           text[] not null default '{}',
    editorial_only     boolean not null default false,
    shows_people       boolean not null default false,
    shows_property     boolean not null default false,
    captured_at        timestamptz,
    camera             text,
    lens               text,
    -- Private to the owner; never published or sent to anyone else.
    gps_latitude       double precision,
    gps_longitude      double precision,
    dhash              bigint,
    dominant_colours   text[] not null default '{}',
    blur_placeholder   text,
    submitted_at       timestamptz,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
create index assets_owner_status on assets (owner_id, status, id);
create index assets_owner_created on assets (owner_id, created_at);
create index assets_dhash on assets (dhash) where dhash is not null;

-- One row per kind; a re-run of the rendition job overwrites its own row (idempotent).
create table asset_renditions (
    asset_id    uuid not null references assets (id) on delete cascade,
    kind        text not null check (kind in ('thumbnail', 'preview')),
    blob_key    text not null,
    width       int not null,
    height      int not null,
    byte_size   bigint not null,
    primary key (asset_id, kind)
);

-- Near-duplicates found by dHash distance, for the contributor and the editors.
create table asset_near_duplicates (
    asset_id       uuid not null references assets (id) on delete cascade,
    similar_id     uuid not null references assets (id) on delete cascade,
    distance       int not null check (distance between 0 and 64),
    primary key (asset_id, similar_id)
);

-- Credited contributors and their royalty shares (basis points; the shares of an asset sum to 10,000).
create table asset_contributors (
    asset_id        uuid not null references assets (id) on delete cascade,
    user_id         uuid not null references users (id),
    share_bp        int not null check (share_bp between 1 and 10000),
    primary key (asset_id, user_id)
);

create table releases (
    id            uuid primary key,
    owner_id      uuid not null references users (id),
    kind          text not null check (kind in ('model', 'property')),
    name          text not null check (length(name) between 1 and 200),
    blob_key      text not null unique,
    content_type  text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
    byte_size     bigint not null,
    created_at    timestamptz not null default now()
);
create index releases_owner on releases (owner_id, created_at);

create table asset_releases (
    asset_id    uuid not null references assets (id) on delete cascade,
    release_id  uuid not null references releases (id),
    primary key (asset_id, release_id)
);
