-- Issue 9, settings / meetings / directory: every change to the co-op's settings is recorded with what authorised
-- it (a carried proposal, or an admin with a reason every member reads), and the database refuses any other
-- change; the patronage pool the members vote for a year; meetings with their agenda and AGM minutes; and the
-- opt-in member directory.

-- One row per settings change. changes = [{setting, from, to}] (values as JSON: basis points and minor units are
-- numbers, a price or pool is {amount, currency}, class shares an object). proposal_id references gov-api's
-- proposals (migration 31); the foreign key is added where both exist.
create table settings_changes (
    id             uuid primary key,
    at             timestamptz not null default now(),
    proposal_id    uuid,
    admin_user_id  uuid references users (id),
    reason         text check (length(reason) <= 2000),
    changes        jsonb not null check (jsonb_typeof(changes) = 'array' and jsonb_array_length(changes) > 0),
    check ((proposal_id is not null and admin_user_id is null and reason is null)
        or (proposal_id is null and admin_user_id is not null and reason is not null and length(btrim(reason)) > 0))
);
create index settings_changes_at on settings_changes (at desc, id desc);
-- A proposal carries at most one change, applied once: the close job can retry without applying it twice.
create unique index settings_changes_proposal on settings_changes (proposal_id) where proposal_id is not null;

-- The pool the members set for a closed year; the admin's "record patronage" must allocate exactly this pool.
create table patronage_pool_decisions (
    year       int primary key check (year between 1900 and 9999),
    amount     bigint not null check (amount > 0),
    currency   text not null check (currency ~ '^[A-Z]{3}$'),
    change_id  uuid not null references settings_changes (id)
);

-- "Settings can't be changed otherwise": writes to the settings go through SettingsChanges.ApplyAsync, which
-- records the change first and then names it in `set local mediacoop.settings_change`. Migrations may still insert
-- new keys into coop_settings (insert is not guarded); updates and deletes need a recorded change.
create function settings_change_guard() returns trigger language plpgsql as $$
declare
    change text := nullif(current_setting('mediacoop.settings_change', true), '');
begin
    if change is null or change !~ '^[0-9a-f-]{36}$'
       or not exists (select 1 from settings_changes where id = change::uuid) then
        raise exception 'the co-op''s settings (%) change only through a recorded settings change: a carried proposal or an admin with a reason', tg_table_name
            using errcode = 'P0001', hint = 'Use SettingsChanges.ApplyAsync.';
    end if;
    if tg_op = 'DELETE' then return old; end if;
    return new;
end $$;

create trigger coop_settings_guard before update or delete on coop_settings
    for each row execute function settings_change_guard();
create trigger license_prices_guard before update on license_options
    for each row when (old.amount is distinct from new.amount or old.currency is distinct from new.currency)
    execute function settings_change_guard();
create trigger license_options_delete_guard before delete on license_options
    for each row execute function settings_change_guard();
create trigger patronage_pool_guard before insert or update or delete on patronage_pool_decisions
    for each row execute function settings_change_guard();

-- Meetings: general meetings, the AGM, board meetings; agenda before, minutes after (Markdown + the safe HTML
-- rendered when written).
create table meetings (
    id                     uuid primary key,
    kind                   text not null check (kind in ('agm', 'general', 'board')),
    title                  text not null check (length(title) between 1 and 200),
    scheduled_at           timestamptz not null,
    location               text check (length(location) <= 500),
    online_url             text check (length(online_url) <= 500),
    agenda_markdown        text not null default '',
    agenda_html            text not null default '',
    minutes_markdown       text,
    minutes_html           text,
    minutes_published_at   timestamptz,
    minutes_published_by   uuid references users (id),
    created_by             uuid not null references users (id),
    created_at             timestamptz not null default now(),
    check ((minutes_markdown is null) = (minutes_published_at is null))
);
create index meetings_scheduled on meetings (scheduled_at desc, id desc);

-- The member directory is opt-in: nobody is listed until they say so.
alter table users add column directory_visible boolean not null default false;
-- The directory pages by lower(display_name), id: this index serves its order and its keyset cursor.
create index users_directory_order on users (lower(display_name), id) where directory_visible;
