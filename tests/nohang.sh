#!/bin/sh
# nohang.sh DYAD -- pathological inputs finish (issue 4, "no hangs"): inputs
# built to make a backtracking matcher explode, long runs of one character,
# a million actors on one line.  The coder's matching is linear (tries, and
# pattern matching bounded by DYAD_PATTERN_GAP / DYAD_PEER_PATTERN_GAP per
# word and DYAD_MAX_SENTENCE_TOKENS per sentence), so each case is bounded
# work; the timeout is a safety net only, far above the expected seconds.
# Prints "nohang: N passed, N failed".
NAME=nohang
. "$(dirname "$0")/lib.sh"
LIMIT=300

# case NAME WANT_RC ARGS... : finishes within the safety net with the exit status
case_() {
    name=$1 want=$2
    shift 2
    timeout $LIMIT "$@" >"$T/o" 2>"$T/e"
    rc=$?
    if [ $rc -eq 124 ]; then no "$name: did not finish in ${LIMIT}s"
    elif [ $rc -ne "$want" ]; then no "$name: exit $rc, want $want: $(head -c 200 "$T/e")"
    else ok; fi
}
gen() { python3 -c "import json,sys; print(json.dumps({'id':sys.argv[1],'date':'2024-07-24','text':eval(sys.argv[2])}))" "$@"; }

# a million actors on one line, then a verb and a target
gen actors "'Iran Russia ' * 500000 + 'condemned Syria.'" >"$T/a.jsonl"
case_ "1 M actors on one line" 0 $DYAD code $D "$T/a.jsonl"
# a million-member coordination "Iran, Russia, Iran, ... and Turkey attacked Syria"
gen coord "', '.join(['Iran', 'Russia'] * 500000) + ' and Turkey attacked Syria.'" >"$T/c.jsonl"
case_ "1 M-member compound" 0 $DYAD code $D "$T/c.jsonl"
# long runs of one character: letters, dots (abbreviation handling), quotes, dashes
for ch in a . '"' - "'" "(" ","; do
    python3 -c "import json,sys; print(json.dumps({'id':'run','text':sys.argv[1] * 5000000}))" "$ch" >"$T/r.jsonl"
    case_ "5 M times '$ch'" 0 $DYAD code $D "$T/r.jsonl"
done
gen abbr "'Mr. Gen. U.S. ' * 300000 + 'Iran condemned Russia.'" >"$T/ab.jsonl"
case_ "abbreviations without end" 0 $DYAD code $D "$T/ab.jsonl"
# the same verb a million times, and verbs with no actors
gen verbs "'Iran condemned ' * 500000 + 'Russia.'" >"$T/v.jsonl"
case_ "1 M verbs in a row" 0 $DYAD code $D "$T/v.jsonl"
# a peer pattern with many gapped words, against a sentence that matches the
# first words everywhere but never the last (exponential for a backtracking matcher)
{
    echo "--- CONDEMN [111] ---"
    echo "CONDEMN"
    echo "- * A A A A A A A A A A A A A A A A A A A A Z [112]"
    echo "- * A B A B A B A B A B A B + Z [113]"
} >"$T/bt.verbs"
printf 'IRAN [IRN]\nRUSSIA [RUS]\n' >"$T/bt.actors"
gen bt "'Iran condemned ' + 'A ' * 20000 + 'Russia B ' * 2000 + 'Y.'" >"$T/bt.jsonl"
case_ "backtracking pattern (peer gaps)" 0 $DYAD code --no-default-dicts --dict-format petrarch --verbs "$T/bt.verbs" --actors "$T/bt.actors" "$T/bt.jsonl"
# synsets that refer to each other, expanded in a pattern
{
    echo "&S1"; echo "+&S2"; echo "+&S2"; echo "&S2"; echo "+&S3"; echo "+&S3"; echo "&S3"; echo "+&S1"; echo "+X"
    echo "--- CONDEMN [111] ---"; echo "CONDEMN"; echo "- * &S1 &S1 &S1 &S1 &S1 &S1 &S1 &S1 + [112]"
} >"$T/syn.verbs"
case_ "synset expansion blow-up" 0 $DYAD code --no-default-dicts --dict-format petrarch --verbs "$T/syn.verbs" --actors "$T/bt.actors" "$T/bt.jsonl"
# a dictionary of 200,000 actors loads and codes
python3 -c "
for i in range(200000): print('@actor X%06d Actor %d' % (i, i)); print('  noun actor number %d' % i)" >"$T/big-actors.txt"
mkdir -p "$T/d/actors" "$T/d/verbs"
cp "$HERE/dict/cameo.txt" "$T/d/"; cp "$HERE/dict/verbs/test.txt" "$T/d/verbs/"; cp "$T/big-actors.txt" "$T/d/actors/"
gen big "'Actor number 17 condemned actor number 199999. ' * 1000" >"$T/big.jsonl"
case_ "200,000-actor dictionary" 0 $DYAD code --dict-dir "$T/d" "$T/big.jsonl"
[ "$(wc -l <"$T/o")" -eq 1000 ] && ok || no "200,000-actor dictionary: $(wc -l <"$T/o") events, want 1000"
# HTML: 100,000 nested elements and 100,000 unclosed ones
python3 -c "print('<div>' * 100000 + '<p>Iran condemned Russia.' + '<b><i>' * 100000)" >"$T/n.html"
case_ "HTML 300,000 open elements" 0 $DYAD code $D --format html "$T/n.html"

finish
