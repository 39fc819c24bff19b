#!/bin/sh
# stream.sh DYAD -- input of any size is read with bounded memory: 2 GiB of
# JSON Lines, piped and as a zstd file, coded under a 600 MiB address-space
# limit (ulimit -v), which would fail at once if the input were slurped.
# Every document must be coded.  Prints "stream: N passed, N failed".
NAME=stream
. "$(dirname "$0")/lib.sh"
# 2,048 documents of 1 MiB each: a short story plus 1 MiB of padding in a
# field dyad reads past ("pad", not one of its fields), so the 2 GiB are
# parsed but cheap to code
gen() {
    python3 -c '
import sys
pad = "x" * (1 << 20)
out = sys.stdout.buffer
for i in range(2048):
    out.write(("{\"id\":\"d%d\",\"date\":\"2024-07-24\",\"pad\":\"%s\",\"text\":\"Russian troops attacked Syria.\"}\n" % (i, pad)).encode())
'
}
LIMIT=614400 # KiB of address space
gen | (ulimit -v $LIMIT && $DYAD code $D -j 2 -q --stats -) >"$T/o" 2>"$T/e"
rc=$?
n=$(wc -l <"$T/o")
[ $rc -eq 0 ] && [ "$n" -eq 2048 ] && ok || no "2 GiB on stdin under ulimit -v ${LIMIT}K: exit $rc, $n events: $(head -c 300 "$T/e")"
if command -v zstd >/dev/null 2>&1; then
    gen | zstd -q -1 -o "$T/big.jsonl.zst"
    (ulimit -v $LIMIT && $DYAD code $D -j 2 -q "$T/big.jsonl.zst") >"$T/o" 2>"$T/e"
    rc=$?
    n=$(wc -l <"$T/o")
    [ $rc -eq 0 ] && [ "$n" -eq 2048 ] && ok || no "2 GiB zstd file under ulimit -v ${LIMIT}K: exit $rc, $n events: $(head -c 300 "$T/e")"
fi
# fields dyad copies into its events count toward the batch's bytes too: 300
# documents with a 1 MiB url each (url is in every event) under the same limit
python3 -c '
import sys
pad = "x" * (1 << 20)
for i in range(300):
    sys.stdout.write("{\"id\":\"u%d\",\"url\":\"http://e.org/%s\",\"text\":\"Russian troops attacked Syria.\"}\n" % (i, pad))
' | (ulimit -v $LIMIT && $DYAD code $D -j 2 -q -) >"$T/o" 2>"$T/e"
rc=$?
n=$(wc -l <"$T/o")
[ $rc -eq 0 ] && [ "$n" -eq 300 ] && ok || no "300 documents with 1 MiB urls under ulimit -v ${LIMIT}K: exit $rc, $n events: $(head -c 300 "$T/e")"
# the limit is real: slurping the input under it fails
gen 2>/dev/null | (ulimit -v $LIMIT && python3 -c 'import sys; d = sys.stdin.buffer.read(); print(len(d))') >/dev/null 2>&1 && no "the memory limit does not bite" || ok
finish
