#!/bin/sh
# run.sh BUILD SECONDS -- builds each libFuzzer target with clang (ASan+UBSan)
# and runs it for SECONDS on a copy of its seed corpus.  Prints executions and
# findings per target; exits 1 when any target finds a crash.
set -u
BUILD=${1:-build/fuzz}
SECS=${2:-30}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$BUILD"
CFLAGS="-std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -DDYAD_NO_POOL -I$ROOT/include -I$ROOT/src -DDYAD_DICT_DIR=\"$ROOT/dict\" -DDYAD_FUZZ_DICT=\"$ROOT/tests/dict\""
SRC=$(make -s -C "$ROOT" print-lib-src)
LIBS=$(make -s -C "$ROOT" print-ldlibs)
CFLAGS="$CFLAGS $(make -s -C "$ROOT" print-cppflags | tr ' ' '\n' | grep '^-I/' | tr '\n' ' ')"
status=0
for t in jsonl html text dates dict_dyad dict_petrarch dict_tabari; do
    bin=$BUILD/fuzz_$t
    # shellcheck disable=SC2086
    (cd "$ROOT" && clang $CFLAGS -o "$bin" fuzz/fuzz_$t.c $SRC $LIBS) || { echo "fuzz $t: build failed"; status=1; continue; }
    work=$BUILD/corpus_$t
    rm -rf "$work"; mkdir -p "$work"; cp "$ROOT/fuzz/corpus/$t/"* "$work/"
    "$bin" -max_total_time="$SECS" -print_final_stats=1 -max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$BUILD/crash_${t}_" "$work" >"$BUILD/log_$t" 2>&1
    rc=$?
    execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$BUILD/log_$t" | grep -oE '[0-9]+$')
    [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$BUILD/log_$t" | tail -1 | tr -d '#')
    if [ $rc -ne 0 ]; then
        echo "fuzz $t: FINDING after ${execs:-?} executions (see $BUILD/log_$t)"; status=1
        grep -m3 -E 'ERROR|SUMMARY' "$BUILD/log_$t"
    else
        echo "fuzz $t: ${execs:-?} executions in ${SECS}s, no findings"
    fi
done
exit $status
