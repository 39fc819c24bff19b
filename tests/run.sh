#!/bin/sh
# run.sh BUILD -- every test: the library's objects layered without a circle
# (layers.sh), C unit tests, the plots (plot.c), out-of-memory injected at every allocation of
# coding (fault.c), the CLI end to end on fixture
# dictionaries, golden sentences on dyad's own dictionaries, each word class of
# dict/grammar.txt read as data, where events happened (places.py), the event
# store on SQLite and PostgreSQL (store.py), named limits, the
# bad-input matrix, pathological inputs, streaming under a memory limit,
# dictionary lint, the README's tour and docs/output.md's examples, the
# library's symbols and linking, make install into temporary directories, and
# (when ../shared is present) the peers' dictionaries and suites.
# The last line is "N passed, N failed".
set -u
BUILD=${1:-build}
DYAD=$BUILD/dyad
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$HERE/../../shared}
total_pass=0 total_fail=0
add() { # add "name: N passed, M failed" line from a log
    line=$(grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    if [ -z "$line" ]; then
        echo "FAIL $2: no result line" >&2; total_fail=$((total_fail + 1)); return
    fi
    echo "$line"
    p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
}
LOG=$(mktemp -d)
trap 'rm -rf "$LOG"' EXIT

sh "$HERE/layers.sh" "$BUILD" >"$LOG/layers" 2>&1; grep FAIL "$LOG/layers" >&2; add "$LOG/layers" layers
"$BUILD/test_dyad" >"$LOG/unit" 2>&1; grep FAIL "$LOG/unit" >&2; sed -n "s/^skipped: /unit: skipped: /p" "$LOG/unit"; add "$LOG/unit" unit
# the plots: PNG sizes, SVG bytes across runs, errors (tests/plot.c)
"$BUILD/test_plot" >"$LOG/plot" 2>&1; grep FAIL "$LOG/plot" >&2; add "$LOG/plot" plot
# out of memory at every allocation of coding (tests/fault.c)
"$BUILD/test_fault" "$HERE/dict" >"$LOG/fault" 2>&1; grep -A3 FAIL "$LOG/fault" >&2; add "$LOG/fault" fault
sh "$HERE/cli.sh" "$DYAD" >"$LOG/cli" 2>&1; grep FAIL "$LOG/cli" >&2; add "$LOG/cli" cli
python3 "$HERE/golden.py" "$DYAD" "$HERE/golden.jsonl" >"$LOG/golden" 2>&1; grep -A3 FAIL "$LOG/golden" >&2; add "$LOG/golden" golden
python3 "$HERE/places.py" "$DYAD" "$HERE/places.jsonl" >"$LOG/places" 2>&1; grep -A1 FAIL "$LOG/places" >&2; add "$LOG/places" places
# the event store on SQLite, then on a throwaway PostgreSQL cluster (store.py, pgcluster.py)
python3 "$HERE/store.py" "$DYAD" >"$LOG/store" 2>&1; grep -A2 -E "FAIL|Error" "$LOG/store" >&2; add "$LOG/store" store
python3 "$HERE/store.py" "$DYAD" --pg >"$LOG/store-pg" 2>&1; grep -A2 -E "FAIL|Error" "$LOG/store-pg" >&2
if grep -q '^store-pg: skipped' "$LOG/store-pg"; then cat "$LOG/store-pg"; else add "$LOG/store-pg" store-pg; fi
sh "$HERE/grammar.sh" "$DYAD" >"$LOG/grammar" 2>&1; grep FAIL "$LOG/grammar" >&2; add "$LOG/grammar" grammar
sh "$HERE/limits.sh" "$DYAD" >"$LOG/limits" 2>&1; grep FAIL "$LOG/limits" >&2; add "$LOG/limits" limits
sh "$HERE/badinput.sh" "$DYAD" >"$LOG/badinput" 2>&1; grep FAIL "$LOG/badinput" >&2; add "$LOG/badinput" badinput
sh "$HERE/nohang.sh" "$DYAD" >"$LOG/nohang" 2>&1; grep FAIL "$LOG/nohang" >&2; add "$LOG/nohang" nohang
# bounded memory on 2 GiB of input: ulimit -v cannot be used with AddressSanitizer
# (it reserves terabytes of shadow address space), so only the plain build runs it
if "$DYAD" --version 2>/dev/null | grep -q sanitizers; then echo "stream: skipped under sanitizers (ulimit -v)"
else sh "$HERE/stream.sh" "$DYAD" >"$LOG/stream" 2>&1; grep FAIL "$LOG/stream" >&2; add "$LOG/stream" stream; fi
# dyad's own dictionaries lint clean
if "$DYAD" dict lint >"$LOG/lint" 2>&1; then echo "lint: 1 passed, 0 failed"; total_pass=$((total_pass + 1))
else tail -20 "$LOG/lint" >&2; echo "lint: 0 passed, 1 failed"; total_fail=$((total_fail + 1)); fi
python3 "$HERE/docs.py" "$DYAD" "$HERE/.." >"$LOG/docs" 2>&1; grep -A6 FAIL "$LOG/docs" >&2; add "$LOG/docs" docs
sh "$HERE/linking.sh" "$DYAD" >"$LOG/linking" 2>&1; grep FAIL "$LOG/linking" >&2; add "$LOG/linking" linking
sh "$HERE/install.sh" "$DYAD" >"$LOG/install" 2>&1; grep FAIL "$LOG/install" >&2; add "$LOG/install" install
if [ -d "$SHARED/eval" ]; then
    sh "$HERE/peers.sh" "$DYAD" "$SHARED" >"$LOG/peers" 2>&1; grep FAIL "$LOG/peers" >&2; add "$LOG/peers" peers
else
    echo "peers: skipped (no $SHARED/eval: the peers' dictionaries and suites are not here)"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
