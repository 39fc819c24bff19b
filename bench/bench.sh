#!/bin/sh
# bench.sh DYAD SHARED -- speed and memory as ratios to yardsticks measured in
# the same run on the same decompressed input (median of 5 runs each):
# dyad code -j 1 and -j 2 vs `wc -w` and `gzip -1 -c > /dev/null`; a row with
# half of the dictionaries (cost should not follow dictionary size), and peak
# RSS on the input and on 10x the input (it should stay flat).
# Input: SHARED/corpora/politics + reuters21578 decompressed once, or, without
# SHARED, examples/articles.jsonl repeated 200 times (documented fallback).
set -eu
DYAD=$1
SHARED=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
IN=$T/input.jsonl
if [ -f "$SHARED/corpora/politics.jsonl.zst" ]; then
    zstd -qdc "$SHARED/corpora/politics.jsonl.zst" "$SHARED/corpora/reuters21578.jsonl.zst" >"$IN"
    label="../shared/corpora politics + reuters21578"
else
    i=0; while [ $i -lt 200 ]; do cat examples/articles.jsonl; i=$((i + 1)); done >"$IN"
    label="examples/articles.jsonl x200 (../shared absent: fallback)"
fi
now() { date +%s.%N; }
median5() { # median5 CMD -> wall seconds
    for k in 1 2 3 4 5; do
        s=$(now); sh -c "$1" >/dev/null 2>&1 || true; e=$(now)
        echo "$e - $s" | bc -l
    done | sort -n | sed -n 3p
}
# half of the dictionaries: every other stanza of actors, people and verbs
python3 - "$T/half" <<'PY'
import os, sys, shutil
dst = sys.argv[1]
shutil.copytree("dict", dst)
for sub in ("actors", "people", "verbs", "generated"):
    d = os.path.join(dst, sub)
    if not os.path.isdir(d):
        continue
    for fn in os.listdir(d):
        if not fn.endswith(".txt"):
            continue  # the gazetteer's binary table stays whole
        p = os.path.join(d, fn)
        out, keep, k = [], True, 0
        for line in open(p, encoding="utf-8"):
            if line.startswith("@"):
                k += 1
                keep = k % 2 == 1
            if keep or not line.strip() or line.startswith("#"):
                out.append(line)
        open(p, "w", encoding="utf-8").write("".join(out))
PY
t_wc=$(median5 "wc -w '$IN'")
t_gz=$(median5 "gzip -1 -c '$IN' > /dev/null")
t_j1=$(median5 "'$DYAD' code -q -j 1 '$IN' > /dev/null")
t_j2=$(median5 "'$DYAD' code -q -j 2 '$IN' > /dev/null")
t_half=$(median5 "'$DYAD' code -q -j 1 --dict-dir '$T/half' '$IN' > /dev/null")
/usr/bin/time -f "%M %U %S" -o "$T/time" "$DYAD" code -q -j 1 --stats "$IN" >"$T/out" 2>"$T/stats" || true
read -r rss ut st <"$T/time"
i=0; while [ $i -lt 10 ]; do cat "$IN"; i=$((i + 1)); done >"$T/input10.jsonl"
/usr/bin/time -f "%M" -o "$T/time10" "$DYAD" code -q -j 1 "$T/input10.jsonl" >/dev/null 2>&1 || true
rss10=$(cat "$T/time10")
stats=$(grep "documents, .* sentences, .* events" "$T/stats" | tail -1)
docs=$(echo "$stats" | awk '{print $3}'); sents=$(echo "$stats" | awk '{print $5}'); events=$(echo "$stats" | awk '{print $7}')
bytes=$(wc -c <"$IN")
mb=$(echo "$bytes / 1048576" | bc -l)
load=$("$DYAD" dict stats | awk '/^load ms/ {print $3}')
half_load=$("$DYAD" dict stats --dict-dir "$T/half" | awk '/^load ms/ {print $3}')
pats=$("$DYAD" dict stats | awk '/^patterns/ {print $2}'); half_pats=$("$DYAD" dict stats --dict-dir "$T/half" | awk '/^patterns/ {print $2}')
r() { echo "$1 / $2" | bc -l; }
printf "dyad bench -- input: %s\n" "$label"
printf "  %s documents, %s sentences, %.1f MB, %s events (-j 1)\n" "$docs" "$sents" "$mb" "$events"
printf "  yardsticks: wc -w %.3f s, gzip -1 %.3f s (median of 5)\n" "$t_wc" "$t_gz"
printf "  %-26s %9s %12s %9s %10s %10s\n" "run" "wall s" "sentences/s" "MB/s" "x wc -w" "x gzip -1"
row() { printf "  %-26s %9.3f %12.0f %9.2f %10.1f %10.1f\n" "$1" "$2" "$(r "$sents" "$2")" "$(r "$mb" "$2")" "$(r "$2" "$t_wc")" "$(r "$2" "$t_gz")"; }
row "dyad -j 1" "$t_j1"
row "dyad -j 2" "$t_j2"
row "dyad -j 1, half dicts" "$t_half"
printf "  %-26s %.2fx\n" "-j 2 speed-up" "$(r "$t_j1" "$t_j2")"
printf "  %-26s %s ms (%s patterns); half: %s ms (%s patterns)\n" "dictionary load" "$load" "$pats" "$half_load" "$half_pats"
printf "  %-26s %s MB; on 10x the input: %s MB\n" "peak RSS (-j 1)" "$((rss / 1024))" "$((rss10 / 1024))"
printf "  %-26s %.2f s user + %.2f s sys\n" "cpu (-j 1)" "$ut" "$st"
