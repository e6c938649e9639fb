-- Extensions the catalogue and accounts rely on. A managed PostgreSQL may need them created by
-- an administrator first; "if not exists" keeps this script harmless there.
create extension if not exists citext;
create extension if not exists pg_trgm;
create extension if not exists unaccent;
