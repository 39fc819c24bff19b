#!/bin/sh
# demo.sh DYAD -- codes the bundled example articles and prints a summary
# (events per dyad and per CAMEO root), then ingests them with the stories
# (examples/stories.jsonl: several outlets reporting the same events) into the
# event store build/demo/dyad.db, prints the top dyads and the Turkey-Syria
# timeline from it, and plots that timeline (build/demo/tur-syr.svg, .png).
set -eu
DYAD=$1
OUT=build/demo
mkdir -p "$OUT"
"$DYAD" code examples/articles.jsonl -o "$OUT/events.jsonl"
"$DYAD" code --format tsv examples/articles.jsonl -o "$OUT/events.tsv"
docs=$(grep -c . examples/articles.jsonl)
events=$(grep -c . "$OUT/events.jsonl" || true)
echo
echo "dyad demo: $docs articles in examples/articles.jsonl -> $events events"
echo "  (all events: $OUT/events.jsonl and $OUT/events.tsv; why one was coded: build/dyad explain \"SENTENCE\")"
echo
echo "Events per dyad (asserted / all):"
awk -F'\t' 'NR > 1 { k = $7 " -> " $11; all[k]++; if ($19 == "asserted") a[k]++ }
    END { for (k in all) printf "  %-28s %3d / %3d\n", k, a[k], all[k] }' "$OUT/events.tsv" | sort -k4,4nr -k1 | head -25
echo
echo "Events per CAMEO root:"
awk -F'\t' 'NR > 1 { n[$16]++ } END { for (r in n) printf "  %s %4d\n", r, n[r] }' "$OUT/events.tsv" | sort |
while read -r root n; do
    name=$(awk -F'\t' -v r="$root" '($1 "") == (r "") { print $4 }' dict/cameo.txt)
    printf "  %s %-45s %4d\n" "$root" "$name" "$n"
done
echo
echo "Turkey and Syria over time (asserted events between the two, by event date; Goldstein):"
awk -F'\t' 'NR > 1 && $19 == "asserted" && (($8 == "TUR" && $12 == "SYR") || ($8 == "SYR" && $12 == "TUR")) {
    printf "  %s  %-10s -> %-10s %-5s %6s\n", $5, $7, $11, $15, $18 }' "$OUT/events.tsv" | sort

# The event store: every example article and story, reports of one event merged
DB=$OUT/dyad.db
rm -f "$DB" "$DB-journal"
set -- examples/articles.jsonl
[ -f examples/stories.jsonl ] && set -- "$@" examples/stories.jsonl
echo
"$DYAD" ingest --db "$DB" "$@"
echo
echo "The store's top dyads ($DYAD query dyads --db $DB --top 10):"
"$DYAD" query dyads --db "$DB" --top 10 --format table | sed 's/^/  /'
echo
echo "Turkey and Syria, both directions, by year ($DYAD query timeline TUR SYR --db $DB --by year):"
"$DYAD" query timeline TUR SYR --db "$DB" --by year --format table | sed 's/^/  /'
echo
echo "Events reported by more than one outlet:"
"$DYAD" query events --db "$DB" --limit 0 --format tsv |
    awk -F'\t' 'NR > 1 && $11 > 1 { printf "  %s  %-8s -> %-8s %-5s %s sources, %s articles\n", $2, $3, $4, $5, $11, $10 }' | head -15
if "$DYAD" plot --help >/dev/null 2>&1; then
    "$DYAD" plot --db "$DB" TUR SYR --by year -o "$OUT/tur-syr.svg"
    "$DYAD" plot --db "$DB" TUR SYR --by year -o "$OUT/tur-syr.png"
    "$DYAD" plot --db "$DB" --network --top 15 -o "$OUT/network.svg"
    echo
    echo "Plots: $OUT/tur-syr.svg, $OUT/tur-syr.png, $OUT/network.svg"
fi

