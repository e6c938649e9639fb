-- One definition of an asset's catalogue row, shared by the publishing trigger and bulk loads (the benchmark
-- seeder), so the two can never disagree about ranking weights, colours or releases. Popularity starts at 0.
create function catalog_entry(a assets) returns catalog
language sql stable as $$
    select a.id, a.owner_id, coalesce(a.published_at, now()), a.title, a.keywords,
           setweight(to_tsvector('mc_english', coalesce(a.title, '')), 'A')
               || setweight(to_tsvector('mc_english', array_to_string(a.keywords, ' ')), 'B')
               || setweight(to_tsvector('mc_english', coalesce(a.description, '')), 'C'),
           a.width, a.height, greatest(a.width, a.height),
           catalog_orientation(a.width, a.height),
           coalesce(array(select catalog_rgb(c) from unnest(a.dominant_colours) c), '{}'),
           coalesce((select bit_or(1 << catalog_colour_family(catalog_rgb(c))) from unnest(a.dominant_colours) c), 0),
           coalesce(array(select distinct catalog_colour_cell(catalog_rgb(c)) from unnest(a.dominant_colours) c), '{}'),
           a.editorial_only, a.shows_people,
           a.shows_people and exists (select 1 from asset_releases ar join releases r on r.id = ar.release_id
                                      where ar.asset_id = a.id and r.kind = 'model'),
           a.dhash,
           0::double precision
$$;

create or replace function catalog_sync_asset() returns trigger
language plpgsql as $$
declare
    was_listed boolean := tg_op = 'UPDATE' and old.status = 'published';
    old_words text[];
begin
    if was_listed then
        select array(select catalog_words_of(c.title, c.keywords)) into old_words from catalog c where c.asset_id = old.id;
    end if;

    if new.status = 'published' then
        -- Popularity is the catalogue's own: a re-publish or an edit keeps it.
        insert into catalog select e.* from catalog_entry(new) e
        on conflict (asset_id) do update set
            owner_id = excluded.owner_id, title = excluded.title, keywords = excluded.keywords,
            document = excluded.document, width = excluded.width, height = excluded.height,
            long_edge = excluded.long_edge, orientation = excluded.orientation, colours = excluded.colours,
            colour_families = excluded.colour_families, colour_cells = excluded.colour_cells,
            editorial_only = excluded.editorial_only, shows_people = excluded.shows_people,
            people_released = excluded.people_released, dhash = excluded.dhash;
    elsif was_listed then
        delete from catalog where asset_id = old.id;
    end if;

    -- Keep the vocabulary's counts: words this asset stops using lose one, new ones gain one. Sorted, so
    -- concurrent publishers lock words in the same order and never deadlock.
    if was_listed then
        update catalog_words set documents = documents - 1
        where word = any(old_words)
          and not (new.status = 'published' and word in (select catalog_words_of(new.title, new.keywords)));
    end if;
    if new.status = 'published' then
        insert into catalog_words (word, documents)
        select w, 1 from catalog_words_of(new.title, new.keywords) w
        where not (was_listed and w = any(old_words))
        order by w
        on conflict (word) do update set documents = catalog_words.documents + 1;
    end if;
    return null;
end
$$;
