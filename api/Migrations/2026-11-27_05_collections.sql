-- Curated collections: editors' picks and themes, shown on the storefront once published.
create table collections (
    id              uuid primary key,
    title           text not null check (length(title) between 1 and 120),
    description     text check (length(description) <= 2000),
    cover_asset_id  uuid references assets (id),
    featured        boolean not null default false,
    published_at    timestamptz,
    created_by      uuid not null references users (id),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index collections_published on collections (featured desc, published_at desc) where published_at is not null;

create table collection_assets (
    collection_id  uuid not null references collections (id) on delete cascade,
    asset_id       uuid not null references assets (id),
    position       int not null,
    primary key (collection_id, asset_id)
);
create index collection_assets_order on collection_assets (collection_id, position);
