#!/bin/sh
# limits.sh DYAD -- each named limit (docs/limits.md) just under, at and over.
# Prints "limits: N passed, N failed".
NAME=limits
. "$(dirname "$0")/lib.sh"

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

# DYAD_MAX_WORD_BYTES = 256: a run of 256 letters is one token, 257 splits in two
for n in 256 257; do
    w=$(python3 -c "print('a' * $n)")
    toks=$($DYAD explain $D "Iran condemned $w Russia." | sed -n 's/^sentence 1 .*: \([0-9]*\) tokens$/\1/p')
    want=5; [ $n -gt 256 ] && want=6
    [ "$toks" = "$want" ] && ok || no "word of $n bytes: $toks tokens, want $want"
done

# DYAD_MAX_SENTENCE_EVENTS = 64: 8 x 8 compound pairs give 64 events; one more
# verb in the same sentence would be the 65th: dropped, with a warning
L="Turkey, Russia, Iran, Greece, Israel, Egypt, Jordan and Iraq"
R="Syria, Lebanon, Cyprus, Qatar, Kuwait, Oman, Yemen and Libya"
printf '{"id":"e64","date":"2024-07-24","text":"%s condemned %s."}\n{"id":"e65","date":"2024-07-24","text":"%s condemned %s and Bahrain attacked Sudan."}\n' "$L" "$R" "$L" "$R" >"$T/ev.jsonl"
$DYAD code "$T/ev.jsonl" >"$T/o" 2>"$T/e"
[ "$(grep -c '"doc":"e64"' "$T/o")" -eq 64 ] && ! grep -q "e64.*DYAD_MAX_SENTENCE_EVENTS" "$T/e" && ok || no "64 events in a sentence: $(grep -c '"doc":"e64"' "$T/o")"
[ "$(grep -c '"doc":"e65"' "$T/o")" -eq 64 ] && grep -q "e65.*DYAD_MAX_SENTENCE_EVENTS" "$T/e" && ok || no "65th event: $(grep -c '"doc":"e65"' "$T/o") events, $(head -c 200 "$T/e")"

# ... counted over the whole sentence, not per piece of 512 tokens: a sentence of
# 40 "Turkey attacked Syria and" pieces x 600 yields 64 events and one warning, and
# each event's span and text are its piece's, not the whole 2 MB sentence
python3 -c "import json; print(json.dumps({'id':'long','date':'2024-07-24','text':'Turkey attacked Syria and ' * 40000 + 'Iran.'}))" >"$T/long.jsonl"
$DYAD code "$T/long.jsonl" >"$T/o" 2>"$T/e"
[ "$(wc -l <"$T/o")" -eq 64 ] && [ "$(grep -c 'DYAD_MAX_SENTENCE_EVENTS' "$T/e")" -eq 1 ] && ok || no "long sentence: $(wc -l <"$T/o") events, $(grep -c 'DYAD_MAX_SENTENCE_EVENTS' "$T/e") warnings"
python3 -c "
import json,sys
for l in open(sys.argv[1]):
    e=json.loads(l); assert e['span'][1]-e['span'][0] < 8000 and len(e['text']) < 8000, e['span']
" "$T/o" && ok || no "long sentence: an event carries more than its piece"

# DYAD_MAX_DOC_EVENTS = 10000: 10,000 one-event sentences are all kept; one more is
# dropped, said once
for n in 10000 10001; do
    python3 -c "import json,sys; print(json.dumps({'id':'d%s' % sys.argv[1],'date':'2024-07-24','text':'Iran condemned Russia. ' * int(sys.argv[1])}))" $n >"$T/de.jsonl"
    $DYAD code "$T/de.jsonl" >"$T/o" 2>"$T/e"
    if [ $n -le 10000 ]; then [ "$(wc -l <"$T/o")" -eq 10000 ] && ! grep -q DYAD_MAX_DOC_EVENTS "$T/e" && ok || no "10000 events in a document: $(wc -l <"$T/o")"
    else [ "$(wc -l <"$T/o")" -eq 10000 ] && [ "$(grep -c "d10001: more than 10000 events, rest dropped (DYAD_MAX_DOC_EVENTS)" "$T/e")" -eq 1 ] && ok || no "10001st event: $(wc -l <"$T/o") events, $(head -c 200 "$T/e")"; fi
done

# DYAD_MAX_DOC_BYTES = 32 MiB: a text file of exactly 32 MiB is coded whole; one byte more is cut, with a warning
for n in 33554432 33554433; do
    python3 -c "import sys; n=int(sys.argv[1]); s='Russian troops attacked Syria. '; t=(s * (n // len(s) + 1))[:n-1] + '.'; sys.stdout.write(t)" $n >"$T/doc.txt"
    $DYAD code $D --format text --date 2024-07-24 "$T/doc.txt" >/dev/null 2>"$T/e"
    rc=$?
    if [ $n -le 33554432 ]; then [ $rc -eq 0 ] && ! grep -q DYAD_MAX_DOC_BYTES "$T/e" && ok || no "document of $n bytes cut"
    else [ $rc -eq 0 ] && grep -q "doc.txt: text longer than 33554432 bytes cut (DYAD_MAX_DOC_BYTES)" "$T/e" && ok || no "document of $n bytes: no warning"; fi
done
# a character that straddles the cut is dropped whole, not "repaired"
python3 -c "import sys; sys.stdout.buffer.write(b'Russian troops attacked Syria. ' * (33554432 // 31) + b' ' * (33554432 % 31) + 'é'.encode() * 10)" >"$T/doc.txt"
$DYAD code $D --format text --date 2024-07-24 "$T/doc.txt" >/dev/null 2>"$T/e"
grep -q "DYAD_MAX_DOC_BYTES" "$T/e" && ! grep -q "invalid UTF-8" "$T/e" && ok || no "character across the document cut: $(head -c 300 "$T/e")"
rm -f "$T/doc.txt"

# DYAD_MAX_LINE_BYTES = 64 MiB: a JSON line of exactly 64 MiB (not counting
# its newline) is read (its text is then cut at DYAD_MAX_DOC_BYTES); one byte
# more is skipped
for n in 67108864 67108865; do
    python3 - "$T/line.jsonl" $n <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
head, tail = '{"id":"L","date":"2024-07-24","text":"', '"}'
s = 'Russian troops attacked Syria. '
body = (s * ((n - len(head) - len(tail)) // len(s) + 1))[: n - len(head) - len(tail)]
with open(path, "w") as f:
    f.write(head + body + tail + "\n")
    f.write('{"id":"after","date":"2024-07-24","text":"Iran condemned Russia."}\n')
PY
    $DYAD code $D "$T/line.jsonl" >"$T/o" 2>"$T/e"
    rc=$?
    if [ $n -le 67108864 ]; then [ $rc -eq 0 ] && grep -q '"doc":"L"' "$T/o" && grep -q '"doc":"after"' "$T/o" && ok || no "line of $n bytes not read: rc $rc $(head -c 200 "$T/e")"
    else [ $rc -eq 1 ] && grep -q "line.jsonl:1: line longer than" "$T/e" && ! grep -q '"doc":"L"' "$T/o" && grep -q '"doc":"after"' "$T/o" && ok || no "line of $n bytes: rc $rc $(head -c 200 "$T/e")"; fi
done
rm -f "$T/line.jsonl" "$T/o"

# DYAD_MAX_HTML_DEPTH = 2048: a newsletter box nested 2,040 deep is still
# recognised and dropped; nested 2,100 deep its tags are blanked, so its text stays
for n in 2040 2100; do
    python3 -c "import sys; n=int(sys.argv[1]); print('<html><body>' + '<div>' * n + '<p>Iran condemned Russia.</p><div class=\"newsletter\">Turkey attacked Greece.</div>' + '</div>' * n + '</body></html>')" $n >"$T/deep.html"
    $DYAD code $D --format html --date 2024-07-24 "$T/deep.html" >"$T/o" 2>"$T/e"
    rc=$?
    if [ $n -le 2048 ]; then [ $rc -eq 0 ] && grep -q '"code":"111"' "$T/o" && ! grep -q '"code":"190"' "$T/o" && ok || no "html depth $n: structure lost"
    else [ $rc -eq 0 ] && grep -q '"code":"111"' "$T/o" && grep -q '"code":"190"' "$T/o" && ok || no "html depth $n: text lost"; fi
done

# IDSET_MAX = 2^20 (dyad code): the first 1,048,576 ids are remembered; a copy
# of the first is found either way; a copy of the 1,048,577th is not
python3 - "$T/ids.jsonl" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1048577):
        f.write('{"id":"i%d","text":"x"}\n' % i)
    f.write('{"id":"i0","text":"x"}\n{"id":"i1048576","text":"x"}\n')
PY
$DYAD code $D "$T/ids.jsonl" >/dev/null 2>"$T/e"
grep -q 'ids.jsonl:1048578: duplicate id "i0" (first at .*ids.jsonl:1)' "$T/e" && ok || no "IDSET_MAX: duplicate of a remembered id not found"
grep -q "more than 1048576 ids (IDSET_MAX)" "$T/e" && ! grep -q 'duplicate id "i1048576"' "$T/e" && ok || no "IDSET_MAX: past the limit"
rm -f "$T/ids.jsonl"

# DICT_WARNINGS_SHOWN = 10 (dyad code): 10 dictionary warnings are shown; with 11, 10 and a count
for n in 10 11; do
    mkdir -p "$T/w$n/verbs"; cp "$HERE/dict/cameo.txt" "$T/w$n/"; cp -r "$HERE/dict/actors" "$T/w$n/"
    python3 -c "import sys; print('\n'.join('@verb 99%d bad' % i for i in range(int(sys.argv[1]))))" $n >"$T/w$n/verbs/w.txt"
    echo '{"text":"x"}' | $DYAD code --dict-dir "$T/w$n" >/dev/null 2>"$T/e"
    shown=$(grep -c "w.txt:[0-9]*:" "$T/e")
    if [ $n -le 10 ]; then [ "$shown" -eq $n ] && ! grep -q "more dictionary warnings" "$T/e" && ok || no "$n dictionary warnings: $shown shown"
    else [ "$shown" -eq 10 ] && grep -q "1 more dictionary warnings" "$T/e" && ok || no "$n dictionary warnings: $shown shown"; fi
done

# PEER_MAX_EXPANSIONS = 256: a PETRARCH pattern expanding to 256 patterns loads
# whole; one expanding to 257 loads 256 and says so.  PEER_MAX_WARNINGS = 200
# per file: 200 bad lines give 200 warnings, 201 give 200 and a count
for n in 256 257; do
    python3 - "$T/exp.verbs" $n <<'PY'
import sys, string
path, n = sys.argv[1], int(sys.argv[2])
names = [a + b + c for a in string.ascii_uppercase for b in string.ascii_uppercase for c in "XYZ"]
with open(path, "w") as f:
    # members that hold a synset of their own are expanded one by one
    f.write("&SB\n+BBB\n+CCC\n&SA\n" + "".join("+%s_&SB\n" % x for x in names[:n]))
    f.write("--- CONDEMN [111] ---\nCONDEMN\n- * &SA [112]\n")
PY
    $DYAD dict lint --no-default-dicts --dict-format petrarch --verbs "$T/exp.verbs" >"$T/o" 2>&1
    if [ $n -le 256 ]; then ! grep -q "expands to more than" "$T/o" && ok || no "expansion of $n: warned"
    else grep -q "exp.verbs:[0-9]*: pattern expands to more than 256 patterns" "$T/o" && ok || no "expansion of $n: not warned"; fi
done
for n in 200 201; do
    python3 -c "import sys; print('--- CONDEMN [111] ---\nCONDEMN'); print('\n'.join('- CONDEMN without a star [%d]' % (100 + i % 50) for i in range(int(sys.argv[1]))))" $n >"$T/warn.verbs"
    $DYAD dict lint --no-default-dicts --dict-format petrarch --verbs "$T/warn.verbs" >"$T/o" 2>&1
    shown=$(grep -c "warn.verbs:[0-9]*:" "$T/o")
    if [ $n -le 200 ]; then [ "$shown" -eq 200 ] && ok || no "$n peer warnings: $shown shown"
    else [ "$shown" -eq 200 ] && grep -q "warn.verbs: 1 more" "$T/o" && ok || no "$n peer warnings: $shown shown, $(tail -2 "$T/o")"; fi
done

finish
