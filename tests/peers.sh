#!/bin/sh
# peers.sh DYAD SHARED -- the peers' dictionaries (SHARED/eval/dicts) load, and
# every dev suite is scored, without a crash, a hang or an error exit (2 and
# up).  Accuracy is `make eval`.
set -u
DYAD=$1
SHARED=$2
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL peers: $*" >&2; }
E=$SHARED/eval
for suite in petrarch2_unittest petrarch1_unittest tabari_validation udpetrarch_validate_2_02 petr2_gsr_validation; do
    args=$(python3 "$E/score.py" args $suite) || { no "$suite: no args"; continue; }
    # shellcheck disable=SC2086
    if $DYAD dict stats $args >/tmp/dyad-peer-stats.$$ 2>&1; then
        pats=$(awk '/^patterns/ {print $2}' /tmp/dyad-peer-stats.$$)
        [ "${pats:-0}" -gt 0 ] && ok || no "$suite: no patterns loaded"
    else
        no "$suite: dictionaries do not load: $(tail -1 /tmp/dyad-peer-stats.$$)"
    fi
    rm -f /tmp/dyad-peer-stats.$$
    [ -f "$E/suites/$suite.dev.jsonl" ] || continue
    out=$(python3 "$E/score.py" run "$DYAD" $suite --timeout 300 2>&1)
    rc=$?
    # status 1 (records skipped) is allowed; 2 and up (usage, dictionaries, output, memory) are not
    if echo "$out" | grep -qE "crashed|did not finish|exited with status [2-9]"; then
        no "$suite: $(echo "$out" | grep -E 'crashed|did not finish|exited with status')"
    elif [ $rc -ne 0 ] || ! echo "$out" | grep -q "^records scored [1-9]"; then no "$suite: not scored (exit $rc): $(echo "$out" | tail -3)"
    else ok; fi
done
echo "peers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
