#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of each search query shape as Catalog/CatalogSearch.cs builds them (read-only;
# keep in step with that file). [walk] / [collect] is the shape the API picks for that query on the 1M benchmark.
#   bash tests/load/search/explain-shapes.sh "$(cat /work/bench-db.txt)"      (MEDIUM=word to pick another medium word)
# VERBOSE=40 also prints the first 40 lines of each plan.
set -euo pipefail
DB=$1
COMMON=$(psql "$DB" -Atc "select word from catalog_words order by documents desc limit 1")
MEDIUM=${MEDIUM:-acai}
MEDIUM2=$(psql "$DB" -Atc "select word from catalog_words where documents between 1000 and 2000 order by word limit 1")
RARE=$(psql "$DB" -Atc "select word from catalog_words where documents between 3 and 20 order by word limit 1")
echo "common=$COMMON ($(psql "$DB" -Atc "select documents from catalog_words where word='$COMMON'")) medium=$MEDIUM ($(psql "$DB" -Atc "select documents from catalog_words where word='$MEDIUM'")) rare=$RARE"
HYDRATE="select p.asset_id, p.title, p.width, p.height, p.orientation, p.editorial_only, p.published_at, p.popularity, p.rank,
       u.handle, u.display_name, a.blur_placeholder, t.blob_key, t.width, t.height, v.blob_key, v.width, v.height
from page p join users u on u.id = p.owner_id join assets a on a.id = p.asset_id
left join asset_renditions t on t.asset_id = p.asset_id and t.kind = 'thumbnail'
left join asset_renditions v on v.asset_id = p.asset_id and v.kind = 'preview'"
COLS="c.asset_id, c.title, c.width, c.height, c.orientation, c.owner_id, c.editorial_only, c.published_at, c.popularity"
newest() { echo "with page as (select $COLS, 0::real as rank from catalog c where $1 order by c.published_at desc, c.asset_id desc limit 41) $HYDRATE order by p.published_at desc, p.asset_id desc"; }
popular() { echo "with page as (select $COLS, 0::real as rank from catalog c where $1 order by c.popularity desc, c.asset_id desc limit 41) $HYDRATE order by p.popularity desc, p.asset_id desc"; }
relevance() { echo "with candidates as (select $COLS, c.document from catalog c where $1 order by c.popularity desc, c.asset_id desc limit 200),
  ranked as (select s.*, ts_rank(s.document, websearch_to_tsquery('mc_english', '$2'), 1) as rank from candidates s),
  page as (select * from ranked s ${3:-} order by s.rank desc, s.asset_id desc limit 41) $HYDRATE order by p.rank desc, p.asset_id desc"; }
collect_newest() { echo "with matches as materialized (select $COLS, 0::real as rank from catalog c where $1 limit 30000), page as (select * from matches m order by m.published_at desc, m.asset_id desc limit 41) $HYDRATE order by p.published_at desc, p.asset_id desc"; }
collect_relevance() { echo "with matches as materialized (select $COLS from catalog c where $1 limit 30000),
  candidates as (select m.*, d.document from (select * from matches m order by m.popularity desc, m.asset_id desc limit 200) m join catalog d on d.asset_id = m.asset_id),
  ranked as (select s.*, ts_rank(s.document, websearch_to_tsquery('mc_english', '$2'), 1) as rank from candidates s),
  page as (select * from ranked s order by s.rank desc, s.asset_id desc limit 41) $HYDRATE order by p.rank desc, p.asset_id desc"; }
counts_ordered() { echo "select count(*)::int, count(*) filter (where s.orientation = 'landscape')::int, count(*) filter (where s.editorial_only)::int
  from (select c.orientation, c.colour_families, c.editorial_only from catalog c where $1 order by c.published_at desc, c.asset_id desc limit 101) s"; }
counts() { echo "select count(*)::int, count(*) filter (where s.orientation = 'landscape')::int, count(*) filter (where s.editorial_only)::int,
  count(*) filter (where s.colour_families & 1 <> 0)::int, count(*) filter (where s.colour_families & 64 <> 0)::int
  from (select c.orientation, c.colour_families, c.editorial_only from catalog c where $1 limit 501) s"; }
tsq() { echo "c.document @@ websearch_to_tsquery('mc_english', '$1')"; }
run() {
  local name=$1 sql=$2
  local out; out=$(psql "$DB" -Atc "explain (analyze, buffers, format text) $sql")
  printf '%-42s planning %8s ms   execution %8s ms   buffers %s\n' "$name" \
    "$(grep -oP 'Planning Time: \K[0-9.]+' <<<"$out")" "$(grep -oP 'Execution Time: \K[0-9.]+' <<<"$out")" \
    "$(grep -m1 -oP 'Buffers: \K.*' <<<"$out")"
  [[ -n ${VERBOSE:-} ]] && echo "$out" | head -${VERBOSE}
  return 0
}
HEX="c.colour_cells && '{93,94,95,101,102,149,150,151,156,157,158,159,164,165,166,167,173,174,213,214,215,220,221,222,223,228,229,230,231,237,238,277,278,285,286,287,293,294,295}' and ((((c.colours[1] >> 16) & 255) - 100) * (((c.colours[1] >> 16) & 255) - 100) + (((c.colours[1] >> 8) & 255) - 120) * (((c.colours[1] >> 8) & 255) - 120) + ((c.colours[1] & 255) - 200) * ((c.colours[1] & 255) - 200) <= 1950 or (((c.colours[2] >> 16) & 255) - 100) * (((c.colours[2] >> 16) & 255) - 100) + (((c.colours[2] >> 8) & 255) - 120) * (((c.colours[2] >> 8) & 255) - 120) + ((c.colours[2] & 255) - 200) * ((c.colours[2] & 255) - 200) <= 1950 or (((c.colours[3] >> 16) & 255) - 100) * (((c.colours[3] >> 16) & 255) - 100) + (((c.colours[3] >> 8) & 255) - 120) * (((c.colours[3] >> 8) & 255) - 120) + ((c.colours[3] & 255) - 200) * ((c.colours[3] & 255) - 200) <= 1950 or (((c.colours[4] >> 16) & 255) - 100) * (((c.colours[4] >> 16) & 255) - 100) + (((c.colours[4] >> 8) & 255) - 120) * (((c.colours[4] >> 8) & 255) - 120) + ((c.colours[4] & 255) - 200) * ((c.colours[4] & 255) - 200) <= 1950 or (((c.colours[5] >> 16) & 255) - 100) * (((c.colours[5] >> 16) & 255) - 100) + (((c.colours[5] >> 8) & 255) - 120) * (((c.colours[5] >> 8) & 255) - 120) + ((c.colours[5] & 255) - 200) * ((c.colours[5] & 255) - 200) <= 1950)"
run "one common word (27 %), relevance [walk]" "$(relevance "$(tsq $COMMON)" $COMMON)"
run "common word, relevance, page 2 [walk]" "$(relevance "$(tsq $COMMON)" $COMMON "where (s.rank, s.asset_id) < (0.05::real, 'ffffffff-0000-0000-0000-000000000000')")"
run "common word, newest [walk]" "$(newest "$(tsq $COMMON)")"
run "common word, newest, page 2 [walk]" "$(newest "$(tsq $COMMON) and (c.published_at, c.asset_id) < (now() - interval '300 days', '00000000-0000-0000-0000-000000000000')")"
run "common word, popular [walk]" "$(popular "$(tsq $COMMON)")"
run "common word, popular, page 2 [walk]" "$(popular "$(tsq $COMMON) and (c.popularity, c.asset_id) < (5.0, '00000000-0000-0000-0000-000000000000')")"
run "medium word (~8k), relevance [collect]" "$(collect_relevance "$(tsq $MEDIUM)" $MEDIUM)"
run "medium word (~8k), newest [walk]" "$(newest "$(tsq $MEDIUM)")"
run "medium word (~2k), relevance [collect]" "$(collect_relevance "$(tsq $MEDIUM2)" $MEDIUM2)"
run "medium word (~2k), newest [collect]" "$(collect_newest "$(tsq $MEDIUM2)")"
run "three words, relevance [collect]" "$(collect_relevance "$(tsq "$MEDIUM $COMMON $MEDIUM2")" "$MEDIUM $COMMON $MEDIUM2")"
run "two words with or, relevance [collect]" "$(collect_relevance "$(tsq "$MEDIUM or $MEDIUM2")" "$MEDIUM or $MEDIUM2")"
run "rare word, relevance [collect]" "$(collect_relevance "$(tsq $RARE)" $RARE)"
run "filters only, newest [walk]" "$(newest "c.orientation = 'portrait' and c.editorial_only = false")"
run "filters only, newest, page 2 [walk]" "$(newest "c.orientation = 'portrait' and c.editorial_only = false and (c.published_at, c.asset_id) < (now() - interval '500 days', '00000000-0000-0000-0000-000000000000')")"
run "filters only, popular [walk]" "$(popular "c.orientation = 'panorama'")"
run "colour family, popular [walk]" "$(popular "c.colour_families & 128 <> 0")"
run "colour hex 10 %, newest [walk]" "$(newest "$HEX")"
run "contributor, newest" "$(newest "c.owner_id = (select u.id from users u where u.handle = (select handle from users order by id limit 1)::citext)")"
run "dates + common word, newest [walk]" "$(newest "$(tsq $COMMON) and c.published_at >= now() - interval '30 days' and c.published_at < now() - interval '20 days'")"
run "counts sample: common word" "$(counts "$(tsq $COMMON)")"
run "counts sample: medium word" "$(counts "$(tsq $MEDIUM)")"
run "counts sample: filters only" "$(counts "c.orientation = 'portrait'")"
run "counts sample: colour hex (ordered, 100)" "$(counts_ordered "$HEX")"
TYPO=${MEDIUM:0:3}x${MEDIUM:4}
run "typo lookup" "select w.typed, (select cw.word from catalog_words cw where cw.word % w.folded and cw.documents > 0 order by cw.word <-> w.folded, cw.documents desc limit 1) from (select x as typed, lower(unaccent(x)) as folded from unnest(array['$TYPO']) x) w where not exists (select 1 from catalog_words k where k.word = w.folded and k.documents > 0)"
