#!/bin/sh
# eval.sh DYAD SHARED -- scores dyad on each dev suite in SHARED/eval with the
# suite's own peer dictionaries (score.py run), on the real-news GSR dev half
# with PETRARCH-2's Phoenix dictionaries, and on the hand-coded real news
# (eval/news: dev and voa-dev) with dyad's own dictionaries (score_news.py).
# Skips when SHARED is absent.
set -u
DYAD=$1
SHARED=$2
if [ ! -f "$SHARED/eval/score.py" ]; then
    echo "eval: skipped ($SHARED/eval/score.py not found)"
    exit 0
fi
status=0
for suite in petrarch2_unittest petrarch1_unittest tabari_validation udpetrarch_validate_2_02 petr2_gsr_validation; do
    out=$(python3 "$SHARED/eval/score.py" run "$DYAD" "$suite" --timeout 300 2>&1)
    echo "$out" | grep -E "crashed|did not finish|warning" && status=1
    echo "$out" | tail -n 1
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for set in dev voa-dev; do
    arts=$SHARED/eval/news/$set.articles.jsonl
    [ -f "$arts" ] || { echo "news $set: skipped ($arts not found)"; continue; }
    if ! "$DYAD" code -q "$arts" >"$T/$set.jsonl"; then echo "news $set: dyad code failed"; status=1; fi
    echo "news $(python3 "$SHARED/eval/news/score_news.py" "$SHARED/eval/news/$set.gold.json" "$T/$set.jsonl" 2>&1 | tail -n 1)"
done
exit $status
