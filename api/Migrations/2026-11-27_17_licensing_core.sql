-- Licensing core: a description for every licence option (what the licence-type page explains), and the history
-- of market freezes set by admins (who froze a photo, until when, and why), beside assets.frozen_until.

alter table license_options add column description text not null default '';
update license_options set description = case code
    when 'small' then 'Web pages, social media and presentations.'
    when 'medium' then 'Full-screen web, e-books and small prints.'
    when 'large' then 'Magazines, posters and large prints.'
    when 'original' then 'The full-resolution original file.'
    when 'unlimited-print' then 'No limit on printed copies (the standard licence allows up to 500,000).'
    when 'products-for-resale' then 'Merchandise, templates and goods sold to others where the photo is the main value.'
    when 'multi-seat' then 'Shared by up to ten named people of one organisation.'
    when 'market-freeze' then 'Exclusivity for an agreed period: nobody else can license the photo. Priced by quote.'
    else description end;

create table market_freezes (
    id            uuid primary key,
    asset_id      uuid not null references assets (id) on delete cascade,
    -- null: the freeze was lifted.
    frozen_until  timestamptz,
    reason        text not null check (length(reason) between 1 and 500),
    admin_id      uuid not null references users (id),
    created_at    timestamptz not null default now()
);
create index market_freezes_asset on market_freezes (asset_id, created_at desc);
