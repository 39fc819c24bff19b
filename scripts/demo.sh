#!/bin/sh
# demo.sh DYAD -- codes the bundled example articles and prints a summary:
# events per dyad (source -> target) and per CAMEO root.
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

