#!/bin/sh
# limits.sh DYAD -- each named limit (docs/limits.md) just under, at and over.
# Prints "limits: N passed, N failed".
set -u
DYAD=$1
HERE=$(cd "$(dirname "$0")" && pwd)
D="--dict-dir $HERE/dict"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL limits: $*" >&2; }

# DYAD_MAX_SENTENCE_TOKENS = 512: a sentence of N tokens (N-1 words and a stop)
for n in 511 512 513; do
    python3 -c "import json,sys; n=int(sys.argv[1]); w=['Turkey','attacked','Syria']+['and']*(n-4); print(json.dumps({'id':'s','date':'2024-07-24','text':' '.join(w)+'.'}))" $n >"$T/s.jsonl"
    $DYAD code $D "$T/s.jsonl" >"$T/o" 2>"$T/e"
    rc=$?
    if [ $n -le 512 ]; then
        if [ $rc -eq 0 ] && [ ! -s "$T/e" ] && [ "$(wc -l <"$T/o")" -eq 1 ]; then ok; else no "sentence of $n tokens: rc $rc"; fi
    else
        if [ $rc -eq 0 ] && grep -q "DYAD_MAX_SENTENCE_TOKENS" "$T/e" && [ "$(wc -l <"$T/o")" -eq 1 ]; then ok; else no "sentence of $n tokens: no warning or lost event"; fi
    fi
done

# DYAD_MAX_PHRASE_WORDS = 24: a dictionary phrase of 24 words loads, 25 warns
for n in 24 25; do
    mkdir -p "$T/d$n/actors"
    cp "$HERE/dict/cameo.txt" "$T/d$n/"
    python3 -c "import sys; n=int(sys.argv[1]); print('@actor XXX Long\n  noun ' + ' '.join(['word']*n))" $n >"$T/d$n/actors/a.txt"
    $DYAD dict lint --dict-dir "$T/d$n" >"$T/o" 2>&1
    rc=$?
    if [ $n -le 24 ]; then [ $rc -eq 0 ] && ok || no "phrase of $n words rejected"
    else grep -q "a.txt:2: .*limit exceeded" "$T/o" && ok || no "phrase of $n words not reported"; fi
done

# DYAD_MAX_COMPOUND = 8: "A, B, ... and H attacked Z" gives one event per
# member up to 8; a ninth makes it a list, and only the nearest actor is the subject
for n in 7 8 9; do
    python3 - "$T/c.jsonl" $n <<'PY'
import json, sys
n = int(sys.argv[2])
names = ["Turkey", "Russia", "Iran", "Greece", "Israel", "Egypt", "Jordan", "Iraq", "Lebanon"][:n]
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "c", "date": "2024-07-24", "text": ", ".join(names[:-1]) + " and " + names[-1] + " attacked Syria."}) + "\n")
PY
    $DYAD code $D "$T/c.jsonl" >"$T/o" 2>/dev/null
    want=$n; [ $n -gt 8 ] && want=1
    [ "$(wc -l <"$T/o")" -eq $want ] && ok || no "compound of $n: $(wc -l <"$T/o") events, want $want"
done

echo "limits: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
