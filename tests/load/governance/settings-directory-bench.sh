#!/usr/bin/env bash
# Governance settings/directory figures on a scratch database: the member directory (10 000 members, 5 000 listed:
# first page, a name search, a class filter, a deep page) and the settings history (2 000 changes: first page,
# a deep page). Runs the migrations with psql (one transaction per file, like DbUp) and prints each query's
# server time (EXPLAIN ANALYZE, median of 5). Usage: tests/load/governance/settings-directory-bench.sh "<server connstr as a libpq URL>"
# e.g. postgresql://mediacoop:mediacoop@127.0.0.1:5432/postgres
set -euo pipefail
server=${1:?give a libpq URL to the server, e.g. postgresql://mediacoop:mediacoop@127.0.0.1:5432/postgres}
db="mediacoop_bench_gov_$$"
here=$(cd "$(dirname "$0")/../../.." && pwd)
psql "$server" -qc "create database $db" >/dev/null
trap 'psql "$server" -qc "drop database if exists $db with (force)" >/dev/null' EXIT
url="${server%/*}/$db"
for f in "$here"/api/Migrations/*.sql; do psql "$url" -q -v ON_ERROR_STOP=1 -1 -f "$f" >/dev/null; done

psql "$url" -q -v ON_ERROR_STOP=1 <<'SQL'
insert into users (id, email, display_name, password_hash, directory_visible)
select gen_random_uuid(), 'bench' || i || '@example.test', (array['Ana','Ben','Chloé','Dev','Eli','Fatou','Gus','Hana'])[1 + i % 8] || ' Member ' || i, 'x', i % 2 = 0
from generate_series(1, 10000) i;
insert into memberships (id, user_id, member_class)
select gen_random_uuid(), id, (array['contributor','worker','founder','buyer_member'])[1 + (abs(hashtext(id::text)) % 4)] from users;
insert into user_roles (user_id, role) select id, 'board' from users order by id limit 7;
insert into settings_changes (id, at, admin_user_id, reason, changes)
select gen_random_uuid(), now() - (i || ' minutes')::interval, (select id from users limit 1), 'bench ' || i,
       '[{"setting":"royaltyRateStandardBp","from":5000,"to":5100}]'
from generate_series(1, 2000) i;
analyze users; analyze memberships; analyze user_roles; analyze settings_changes;
SQL

time_sql() { # label, sql: median server execution time of 5 EXPLAIN ANALYZE runs
  local label=$1 sql=$2 times=()
  for _ in 1 2 3 4 5; do
    times+=("$(psql "$url" -Atc "explain (analyze, format json) $sql" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')")
  done
  printf '%-46s %8.2f ms\n' "$label" "$(printf '%s\n' "${times[@]}" | sort -g | sed -n 3p)"
}
directory="select u.id, u.display_name, u.handle, m.member_class, m.joined_at, u.bio, u.avatar_key,
  exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'board') as is_board
  from users u join memberships m on m.user_id = u.id and m.ended_at is null where u.directory_visible"
time_sql "directory, first page (5 000 listed)" "$directory order by lower(u.display_name), u.id limit 31"
time_sql "directory, name search 'fatou'" "$directory and (u.display_name ilike '%fatou%' or u.handle::text ilike '%fatou%') order by lower(u.display_name), u.id limit 31"
time_sql "directory, class filter worker" "$directory and m.member_class = 'worker' order by lower(u.display_name), u.id limit 31"
time_sql "directory, deep page (after 'hana member 9')" "$directory and (lower(u.display_name), u.id) > ('hana member 9', '00000000-0000-0000-0000-000000000000') order by lower(u.display_name), u.id limit 31"
history="select c.id, c.at, c.proposal_id, c.admin_user_id, u.display_name as admin_name, c.reason, c.changes::text as changes
  from settings_changes c left join users u on u.id = c.admin_user_id"
time_sql "settings history, first page (2 000 changes)" "$history order by c.id desc limit 51"
time_sql "settings history, deep page" "$history where c.id < (select id from settings_changes order by id limit 1 offset 100) order by c.id desc limit 51"
