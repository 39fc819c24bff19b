#!/bin/sh
# bench.sh DYAD SHARED -- speed and memory, as ratios to yardsticks measured in
# the same run on the same decompressed input (median of 5 runs each):
# dyad code (one thread) vs `wc -w` and `gzip -1 -c > /dev/null`.
# Input: SHARED/corpora/politics + reuters21578, or, without SHARED, the
# bundled examples repeated to ~5 MB (documented fallback).
set -eu
DYAD=$1
SHARED=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
IN=$T/input.jsonl
if [ -f "$SHARED/corpora/politics.jsonl.zst" ]; then
    zstd -dc "$SHARED/corpora/politics.jsonl.zst" "$SHARED/corpora/reuters21578.jsonl.zst" >"$IN"
    label="politics + reuters21578"
else
    i=0; while [ $i -lt 200 ]; do cat examples/articles.jsonl; i=$((i + 1)); done >"$IN"
    label="examples/articles.jsonl x200 (../shared absent)"
fi
now() { date +%s.%N; }
median5() { # median5 CMD... -> seconds
    for k in 1 2 3 4 5; do
        s=$(now); sh -c "$*" >/dev/null 2>&1; e=$(now)
        echo "$e - $s" | bc -l
    done | sort -n | sed -n 3p
}
t_wc=$(median5 "wc -w '$IN'")
t_gz=$(median5 "gzip -1 -c '$IN' > /dev/null")
t_dy=$(median5 "'$DYAD' code -q '$IN' > /dev/null")
/usr/bin/time -f "%M %U %S" -o "$T/time" "$DYAD" code -q --stats "$IN" >"$T/out" 2>"$T/stats" || true
read -r rss ut st <"$T/time"
docs=$(awk '{print $3}' "$T/stats")
sents=$(awk '{print $5}' "$T/stats")
events=$(awk '{print $7}' "$T/stats")
bytes=$(wc -c <"$IN")
load=$("$DYAD" dict stats | awk '/^load ms/ {print $3}')
mb=$(echo "$bytes / 1048576" | bc -l)
printf "dyad bench: %s\n" "$label"
printf "  %-28s %s\n" "documents" "$docs"
printf "  %-28s %.1f\n" "MB" "$mb"
printf "  %-28s %s\n" "sentences" "$sents"
printf "  %-28s %s\n" "events" "$events"
printf "  %-28s %.0f\n" "sentences/s" "$(echo "$sents / $t_dy" | bc -l)"
printf "  %-28s %.3f s (cpu %.2f s)\n" "dyad code -j1 wall" "$t_dy" "$(echo "$ut + $st" | bc -l)"
printf "  %-28s %.2f\n" "MB/s" "$(echo "$mb / $t_dy" | bc -l)"
printf "  %-28s %.3f s\n" "wc -w wall" "$t_wc"
printf "  %-28s %.3f s\n" "gzip -1 wall" "$t_gz"
printf "  %-28s %.1fx\n" "dyad / wc -w" "$(echo "$t_dy / $t_wc" | bc -l)"
printf "  %-28s %.1fx\n" "dyad / gzip -1" "$(echo "$t_dy / $t_gz" | bc -l)"
printf "  %-28s %s MB\n" "peak RSS" "$((rss / 1024))"
printf "  %-28s %s ms\n" "dictionary load" "$load"
