#!/bin/sh
# eval.sh DYAD SHARED -- scores dyad on each dev suite in SHARED/eval with the
# suite's own peer dictionaries (score.py run).  Skips when SHARED is absent.
set -u
DYAD=$1
SHARED=$2
if [ ! -f "$SHARED/eval/score.py" ]; then
    echo "eval: skipped ($SHARED/eval/score.py not found)"
    exit 0
fi
status=0
for suite in petrarch2_unittest petrarch1_unittest tabari_validation udpetrarch_validate_2_02; do
    out=$(python3 "$SHARED/eval/score.py" run "$DYAD" "$suite" --timeout 300 2>&1)
    echo "$out" | grep -E "crashed|did not finish|warning" && status=1
    echo "$out" | tail -n 1
done
exit $status
