-- The storefront catalogue: one row per published asset, shaped for search. A trigger on assets keeps it
-- in step inside the publishing transaction, so a photo is searchable the moment its decision commits
-- and disappears the moment it is withdrawn; nothing that is not published can ever be found.

-- English stemming with accents folded: "café" finds "cafe", "running" finds "run".
create text search configuration mc_english (copy = english);
alter text search configuration mc_english
    alter mapping for hword, hword_part, word with unaccent, english_stem;

-- Landscape, portrait, square (within 5 %) or panorama (at least 2:1 either way).
create function catalog_orientation(width int, height int) returns text
language sql immutable parallel safe as $$
    select case
        when width >= 2 * height or height >= 2 * width then 'panorama'
        when width::numeric / height between 0.95 and 1.05 then 'square'
        when width > height then 'landscape'
        else 'portrait'
    end
$$;

-- The fifteen colour families a buyer picks from, as bit numbers (Catalog/ColourFamilies.cs mirrors them):
-- 0 red, 1 orange, 2 yellow, 3 lime, 4 green, 5 teal, 6 blue, 7 navy, 8 purple, 9 pink, 10 brown,
-- 11 beige, 12 black, 13 grey, 14 white.
create function catalog_colour_family(rgb int) returns int
language plpgsql immutable parallel safe as $$
declare
    r numeric := ((rgb >> 16) & 255) / 255.0;
    g numeric := ((rgb >> 8) & 255) / 255.0;
    b numeric := (rgb & 255) / 255.0;
    hi numeric := greatest(r, g, b);
    lo numeric := least(r, g, b);
    l numeric := (hi + lo) / 2;
    d numeric := hi - lo;
    s numeric := case when d = 0 then 0 else d / (1 - abs(2 * l - 1)) end;
    h numeric;
begin
    if l < 0.12 then return 12; end if;
    if s < 0.15 or d < 0.06 then
        return case when l < 0.25 then 12 when l > 0.85 then 14 else 13 end;
    end if;
    if l > 0.94 then return 14; end if;
    h := case
        when hi = r then 60 * (((g - b) / d) % 6)
        when hi = g then 60 * ((b - r) / d + 2)
        else 60 * ((r - g) / d + 4)
    end;
    if h < 0 then h := h + 360; end if;
    if h between 20 and 60 and l > 0.7 and s < 0.6 then return 11; end if;
    if h between 10 and 45 and l < 0.45 then return 10; end if;
    if h between 200 and 260 and l < 0.3 then return 7; end if;
    return case
        when h < 15 or h >= 345 then 0
        when h < 40 then 1
        when h < 65 then 2
        when h < 90 then 3
        when h < 155 then 4
        when h < 190 then 5
        when h < 250 then 6
        when h < 320 then 8
        else 9
    end;
end
$$;

-- "#rrggbb" → 0xrrggbb.
create function catalog_rgb(hex text) returns int
language sql immutable parallel safe as $$
    select ('x' || lpad(ltrim(hex, '#'), 8, '0'))::bit(32)::int
$$;

-- The 8 × 8 × 8 RGB cube cell a colour falls in, for indexed "near this hex" search.
create function catalog_colour_cell(rgb int) returns int
language sql immutable parallel safe as $$
    select (((rgb >> 16) & 255) >> 5) << 6 | (((rgb >> 8) & 255) >> 5) << 3 | ((rgb & 255) >> 5)
$$;

create table catalog (
    asset_id          uuid primary key references assets (id) on delete cascade,
    owner_id          uuid not null references users (id),
    published_at      timestamptz not null,
    title             text,
    keywords          text[] not null,
    -- Weighted: title A, keywords B, description C.
    document          tsvector not null,
    width             int not null,
    height            int not null,
    long_edge         int not null,
    orientation       text not null check (orientation in ('landscape', 'portrait', 'square', 'panorama')),
    -- Dominant colours as 0xrrggbb, their families as a bit set, and their RGB cube cells.
    colours           int[] not null,
    colour_families   int not null,
    colour_cells      int[] not null,
    editorial_only    boolean not null,
    shows_people      boolean not null,
    -- Shows people and has at least one model release attached.
    people_released   boolean not null,
    dhash             bigint,
    -- Lightbox adds and licences, each weighted 2^(days since 2026-01-01 / 30): recent interest counts
    -- more without ever rewriting old scores (see Catalog/Popularity.cs).
    popularity        double precision not null default 0
);
create index catalog_document on catalog using gin (document);
create index catalog_newest on catalog (published_at desc, asset_id desc);
create index catalog_popular on catalog (popularity desc, asset_id desc);
create index catalog_owner on catalog (owner_id, published_at desc, asset_id desc);
create index catalog_colour_cells on catalog using gin (colour_cells);
create index catalog_dhash on catalog (dhash) where dhash is not null;

-- Every word of published titles and keywords, accent-folded, with how many assets use it: the
-- vocabulary that typo-tolerant search corrects against.
create table catalog_words (
    word       text primary key,
    documents  int not null check (documents >= 0)
);
create index catalog_words_trgm on catalog_words using gin (word gin_trgm_ops);

create function catalog_words_of(title text, keywords text[]) returns setof text
language sql stable as $$
    select distinct w
    from regexp_split_to_table(lower(unaccent(coalesce(title, '') || ' ' || array_to_string(keywords, ' '))), '[^[:alpha:]]+') w
    where length(w) between 2 and 40
    order by w
$$;

create function catalog_sync_asset() returns trigger
language plpgsql as $$
declare
    was_listed boolean := tg_op = 'UPDATE' and old.status = 'published';
    old_words text[];
begin
    if was_listed then
        select array(select catalog_words_of(c.title, c.keywords)) into old_words from catalog c where c.asset_id = old.id;
    end if;

    if new.status = 'published' then
        insert into catalog (asset_id, owner_id, published_at, title, keywords, document, width, height, long_edge,
                             orientation, colours, colour_families, colour_cells, editorial_only, shows_people,
                             people_released, dhash)
        select new.id, new.owner_id, coalesce(new.published_at, now()), new.title, new.keywords,
               setweight(to_tsvector('mc_english', coalesce(new.title, '')), 'A')
                   || setweight(to_tsvector('mc_english', array_to_string(new.keywords, ' ')), 'B')
                   || setweight(to_tsvector('mc_english', coalesce(new.description, '')), 'C'),
               new.width, new.height, greatest(new.width, new.height),
               catalog_orientation(new.width, new.height),
               coalesce(array(select catalog_rgb(c) from unnest(new.dominant_colours) c), '{}'),
               coalesce((select bit_or(1 << catalog_colour_family(catalog_rgb(c))) from unnest(new.dominant_colours) c), 0),
               coalesce(array(select distinct catalog_colour_cell(catalog_rgb(c)) from unnest(new.dominant_colours) c), '{}'),
               new.editorial_only, new.shows_people,
               new.shows_people and exists (select 1 from asset_releases ar join releases r on r.id = ar.release_id
                                            where ar.asset_id = new.id and r.kind = 'model'),
               new.dhash
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

create trigger assets_catalog after insert or update on assets
    for each row execute function catalog_sync_asset();

-- Assets published before this migration enter the catalogue now.
update assets set status = status where status = 'published';
