-- Licensing sales: the licence catalogue (prices as co-op settings, versioned terms), carts, orders and their
-- lines, payment events, licences, refunds and downloads. Money is integer minor units with its currency.

-- What a buyer can license: standard sizes by long edge and extended add-ons. Prices are co-op settings: a
-- change is a new price for new orders only (orders keep the price they were created with).
create table license_options (
    code        text primary key check (code ~ '^[a-z][a-z-]{1,40}$'),
    kind        text not null check (kind in ('size', 'extended')),
    label       text not null,
    -- Sizes only: the long edge in pixels the buyer receives; null = the original's own size.
    long_edge   int check (long_edge > 0),
    -- null = "request a quote" (market freeze): cannot be put in a cart.
    amount      bigint check (amount > 0),
    currency    text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
    sort        int not null,
    check (kind = 'size' or long_edge is null)
);
insert into license_options (code, kind, label, long_edge, amount, sort) values
    ('small', 'size', 'Small', 1000, 1500, 10),
    ('medium', 'size', 'Medium', 2500, 5000, 20),
    ('large', 'size', 'Large', 4000, 10000, 30),
    ('original', 'size', 'Original', null, 15000, 40),
    ('unlimited-print', 'extended', 'Unlimited print runs', null, 30000, 110),
    ('products-for-resale', 'extended', 'Products for resale', null, 50000, 120),
    ('multi-seat', 'extended', 'Multi-seat (shared by a team)', null, 25000, 130),
    ('market-freeze', 'extended', 'Market freeze (exclusivity)', null, null, 140);

-- Licence terms are versioned texts; every licence records the version it was sold under. The newest
-- version (highest number) is the one in force for new orders. Texts are never edited: publish a new version.
create table license_terms (
    version       int primary key check (version > 0),
    title         text not null,
    body          text not null,
    published_at  timestamptz not null default now()
);
create or replace function license_terms_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'licence terms are never edited or deleted: publish a new version';
end $$;
insert into license_terms (version, title, body) values (1, 'MediaCoop licence terms, version 1', '1. Grant. The co-op grants the licensee a perpetual, worldwide, non-exclusive, non-transferable licence to
reproduce, adapt and publish the licensed photo at the licensed size, for the uses below, from the date of issue.

2. Standard licence. Unlimited digital use (web, social media, apps, e-mail, video, presentations); printed use
up to 500,000 copies in total (packaging, books, magazines, advertising); out-of-home advertising. One seat:
the licensee''s own organisation, and one client when the licensee works for hire.

3. Extended add-ons, where bought. Unlimited print runs: no copy limit for printed use. Products for resale: use
on merchandise, templates and goods sold to others where the photo is the main value. Multi-seat: shared by up to
ten named people of one organisation. Market freeze: exclusivity for the agreed period, as quoted.

4. Editorial use. A photo marked editorial-only may be used only to illustrate news, commentary and education,
never to advertise or promote. Its people or property have no release for commercial use.

5. Never allowed. Sensitive subjects that portray a recognisable person in an unflattering way (health, sexuality,
crime, politics) without a disclaimer that the person is a model; trademarks or logos made from the photo;
reselling or sharing the file itself; training generative models that reproduce it.

6. Credit. Credit "Photographer / MediaCoop" where credits are given for other photos.

7. Revocation. A refunded or charged-back licence is revoked: the use must stop and copies be deleted, except
those already printed or published before the revocation.
');
create trigger license_terms_immutable before update or delete on license_terms
    for each row execute function license_terms_immutable();

-- A market freeze (exclusivity) sold by quote keeps the photo off sale until the date.
alter table assets add column frozen_until timestamptz;

-- A signed-in buyer's cart: one licence choice per photo. Extended add-ons are stored sorted, so equal
-- choices compare equal.
create table cart_items (
    user_id     uuid not null references users (id) on delete cascade,
    asset_id    uuid not null references assets (id) on delete cascade,
    size        text not null references license_options (code),
    extended    text[] not null default '{}',
    -- Set when the line upgrades an existing licence (pay the difference).
    upgrade_of  uuid,
    added_at    timestamptz not null default now(),
    primary key (user_id, asset_id)
);

-- pending -> paid | expired; paid -> refunded (all lines refunded). A payment that arrives for an expired
-- order is still fulfilled (the buyer paid). A refund that arrives before its payment marks the order refunded
-- and the late payment issues nothing: state never moves backwards.
create table orders (
    id                  uuid primary key,
    buyer_id            uuid not null references users (id),
    status              text not null default 'pending' check (status in ('pending', 'paid', 'expired', 'refunded')),
    currency            text not null check (currency ~ '^[A-Z]{3}$'),
    total               bigint not null check (total >= 0),
    -- The buyer's Idempotency-Key and a hash of the request it came with: same key + same body = same order.
    idempotency_key     text not null check (length(idempotency_key) between 1 and 255),
    request_hash        bytea not null,
    created_at          timestamptz not null default now(),
    expires_at          timestamptz not null,
    -- The provider that took the payment ('stripe', 'demo') and its references.
    provider            text check (provider in ('stripe', 'demo')),
    checkout_reference  text,
    payment_reference   text,
    paid_at             timestamptz,
    amount_paid         bigint check (amount_paid >= 0),
    amount_refunded     bigint not null default 0 check (amount_refunded >= 0),
    unique (buyer_id, idempotency_key),
    check (amount_refunded <= greatest(total, coalesce(amount_paid, 0)))
);
create index orders_buyer_created on orders (buyer_id, created_at desc);
create index orders_pending_expiry on orders (expires_at) where status = 'pending';
create unique index orders_checkout_reference on orders (provider, checkout_reference) where checkout_reference is not null;
create index orders_payment_reference on orders (payment_reference) where payment_reference is not null;

-- Prices are fixed when the order is created; what the client sent as a price is never read.
create table order_lines (
    id          uuid primary key,
    order_id    uuid not null references orders (id) on delete cascade,
    line_no     int not null check (line_no > 0),
    asset_id    uuid not null references assets (id),
    size        text not null references license_options (code),
    extended    text[] not null default '{}',
    -- The pixels licensed (the size's long edge applied to the photo, or the original's own size).
    width       int not null check (width > 0),
    height      int not null check (height > 0),
    editorial_only boolean not null,
    -- For an upgrade: the licence it replaces, and amount is only the difference.
    upgrade_of  uuid,
    amount      bigint not null check (amount >= 0),
    refunded    bigint not null default 0 check (refunded >= 0 and refunded <= amount),
    unique (order_id, line_no)
);

-- One licence per order line (the unique constraint makes fulfilment exactly-once).
create table licenses (
    id                 uuid primary key,
    order_line_id      uuid not null unique references order_lines (id),
    buyer_id           uuid not null references users (id),
    asset_id           uuid not null references assets (id),
    size               text not null references license_options (code),
    extended           text[] not null default '{}',
    width              int not null,
    height             int not null,
    editorial_only     boolean not null,
    terms_version      int not null references license_terms (version),
    -- Public verification code printed on the certificate (unguessable, URL-safe).
    verification_code  text not null unique,
    issued_at          timestamptz not null default now(),
    revoked_at         timestamptz,
    revoked_reason     text,
    -- Set when an upgrade replaced this licence: the newer licence covers the use from then on.
    superseded_by      uuid references licenses (id)
);
alter table order_lines add constraint order_lines_upgrade_of foreign key (upgrade_of) references licenses (id);
alter table cart_items add constraint cart_items_upgrade_of foreign key (upgrade_of) references licenses (id) on delete cascade;
create index licenses_buyer_issued on licenses (buyer_id, issued_at desc);
create index licenses_asset on licenses (asset_id);

-- Every provider event we were sent, once: the primary key turns duplicates into no-ops.
create table payment_events (
    provider      text not null,
    event_id      text not null,
    type          text not null,
    received_at   timestamptz not null default now(),
    processed_at  timestamptz,
    -- What the event did: 'fulfilled', 'ignored', 'refunded', 'duplicate-payment', ...
    outcome       text,
    payload       jsonb not null,
    primary key (provider, event_id)
);

create table refunds (
    id                  uuid primary key,
    order_id            uuid not null references orders (id),
    order_line_id       uuid references order_lines (id),
    amount              bigint not null check (amount > 0),
    currency            text not null,
    -- 'admin' (through our API) or 'provider' (charge.refunded, a lost dispute).
    initiated_by        text not null check (initiated_by in ('admin', 'provider')),
    admin_id            uuid references users (id),
    reason              text not null,
    provider_refund_id  text,
    created_at          timestamptz not null default now()
);
create unique index refunds_provider_refund on refunds (provider_refund_id) where provider_refund_id is not null;

-- Every download link handed out, for the licensee's history and for abuse checks.
create table license_downloads (
    id           uuid primary key,
    license_id   uuid not null references licenses (id),
    user_id      uuid not null references users (id),
    requested_at timestamptz not null default now(),
    width        int not null,
    height       int not null,
    client_ip    inet
);
create index license_downloads_license on license_downloads (license_id, requested_at desc);

-- Licensed sizes made from originals on demand, cached in the store: one per asset and long edge.
create table license_renditions (
    asset_id    uuid not null references assets (id) on delete cascade,
    long_edge   int not null,
    blob_key    text not null,
    width       int not null,
    height      int not null,
    byte_size   bigint not null,
    created_at  timestamptz not null default now(),
    primary key (asset_id, long_edge)
);
