-- Run by the postgres image on its first start (docker-entrypoint-initdb.d), as superuser.
-- The app's first migration creates these too; doing it here also covers template1, so
-- databases created later (tests, restores) start with them.
create extension if not exists citext;
create extension if not exists pg_trgm;
create extension if not exists unaccent;

\connect template1
create extension if not exists citext;
create extension if not exists pg_trgm;
create extension if not exists unaccent;
