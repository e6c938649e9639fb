-- Public profiles: a handle for the portfolio's address (/c/{handle}), a short bio and an avatar.
-- Everyone gets a handle at once (derived from the display name, made unique with a short suffix);
-- people may choose another later.

create function user_handle_slug(display_name text, id uuid) returns text
language sql stable as $$
    select coalesce(nullif(left(trim(both '-' from regexp_replace(lower(unaccent(display_name)), '[^a-z0-9]+', '-', 'g')), 22), ''), 'member')
           || '-' || substr(md5(id::text), 1, 6)
$$;

alter table users add column handle citext;
alter table users add column bio text check (length(bio) <= 500);
-- A 256 × 256 JPEG in the blob store, content-addressed like renditions.
alter table users add column avatar_key text;
update users set handle = user_handle_slug(display_name, id);
alter table users alter column handle set not null;
alter table users add constraint users_handle_format check (handle ~ '^[a-z0-9][a-z0-9-]{2,39}$');
create unique index users_handle on users (handle);

create function users_default_handle() returns trigger
language plpgsql as $$
begin
    if new.handle is null then
        new.handle := user_handle_slug(new.display_name, new.id);
    end if;
    return new;
end
$$;
create trigger users_default_handle before insert on users
    for each row execute function users_default_handle();
