#!/bin/sh
# badinput.sh DYAD -- the bad-input matrix (issue 4, docs/limits.md#bad-input):
# each hostile input goes through the real binary next to a good document.
# For each case: the exit status is the documented one, stderr names the file,
# line or document and the reason, the good document is still coded, and
# every line on stdout is a whole JSON event (no partial output).
# Prints "badinput: N passed, N failed".
NAME=badinput
. "$(dirname "$0")/lib.sh"
GOOD='{"id":"good","date":"2024-07-24","text":"Russian troops attacked Syria on Tuesday."}'

# run NAME WANT_RC STDERR_REGEX ARGS... : codes ARGS, then checks the four rules
run() {
    name=$1 want=$2 re=$3
    shift 3
    timeout 300 $DYAD code $D "$@" >"$T/o" 2>"$T/e"
    rc=$?
    [ "$rc" -eq "$want" ] || { no "$name: exit $rc, want $want ($(head -c 300 "$T/e"))"; return; }
    if [ -n "$re" ] && ! grep -Eq -- "$re" "$T/e"; then no "$name: stderr lacks /$re/: $(head -c 300 "$T/e")"; return; fi
    grep -q '"doc":"good".*"source":{"code":"RUSMIL".*"code":"190"' "$T/o" || { no "$name: good document not coded"; return; }
    python3 -c '
import json, sys
for n, l in enumerate(open(sys.argv[1], "rb"), 1):
    if not l.endswith(b"\n"): sys.exit("line %d: no newline" % n)
    json.loads(l)' "$T/o" || { no "$name: partial or invalid output line"; return; }
    ok
}

# invalid UTF-8 inside good text is repaired to U+FFFD with a warning naming file:line and document
printf '{"id":"u","text":"Iran \300\257 condemned \355\240\200 Russia \342\202"}\n%s\n' "$GOOD" >"$T/utf.jsonl"
run "invalid UTF-8 (overlong, surrogate, truncated)" 0 'utf.jsonl:1: document "u": [0-9]+ invalid UTF-8 sequences replaced' "$T/utf.jsonl"
grep -q '"doc":"u".*"text":"Iran \\ufffd\\ufffd condemned' "$T/o" 2>/dev/null || grep -q '"doc":"u".*"text":"Iran �� condemned' "$T/o" && ok || no "repaired text not in output"
# NUL: a raw NUL byte and an escaped \u0000 are both repaired the same way
printf '{"id":"nul","text":"Iran condemned\000 Russia."}\n{"id":"esc","text":"Iran \\u0000 condemned Russia."}\n%s\n' "$GOOD" >"$T/nul.jsonl"
run "NUL bytes" 0 'nul.jsonl:1: document "nul": 1 invalid' "$T/nul.jsonl"
# a BOM on the first line and CRLF line ends are taken as they come
printf '\357\273\277%s\r\n{"id":"crlf","text":"Iran condemned Russia."}\r\n' "$GOOD" >"$T/bom.jsonl"
run "BOM and CRLF" 0 '' "$T/bom.jsonl"
[ ! -s "$T/e" ] && grep -q '"doc":"crlf"' "$T/o" && ok || no "BOM/CRLF: warning or lost document"
# a 10 MB single line is one document (of 460,000 events, the first
# DYAD_MAX_DOC_EVENTS kept, said once)
python3 -c "import json; print(json.dumps({'id':'big','date':'2024-07-24','text':'Iran condemned Russia. ' * 460000}))" >"$T/line.jsonl"
echo "$GOOD" >>"$T/line.jsonl"
run "10 MB line" 0 'warning: big: more than 10000 events, rest dropped \(DYAD_MAX_DOC_EVENTS\)' "$T/line.jsonl"
[ "$(grep -c '"doc":"big"' "$T/o")" -eq 10000 ] && [ "$(grep -c DYAD_MAX_DOC_EVENTS "$T/e")" -eq 1 ] && ok || no "10 MB line: $(grep -c '"doc":"big"' "$T/o") events, want 10000 and one warning"
# a 100 MB JSON line is over DYAD_MAX_LINE_BYTES: skipped, named, the rest coded
python3 -c "import json,sys; sys.stdout.write(json.dumps({'id':'huge','text':'x ' * 50000000}) + '\n')" >"$T/huge.jsonl"
echo "$GOOD" >>"$T/huge.jsonl"
run "100 MB JSON line" 1 'huge.jsonl:1: line longer than' "$T/huge.jsonl"
# a 100 MB plain-text document is cut at DYAD_MAX_DOC_BYTES with a warning
python3 -c "import sys; sys.stdout.write('Iran condemned Russia. ' * 4600000)" >"$T/huge.txt"
echo "Russian troops attacked Syria on Tuesday." >"$T/good.txt"
timeout 300 $DYAD code $D --format text --date 2024-07-24 "$T/huge.txt" "$T/good.txt" >"$T/o" 2>"$T/e"
rc=$?
if [ $rc -eq 0 ] && grep -q "huge.txt.*DYAD_MAX_DOC_BYTES" "$T/e" && grep -q '"doc":"[^"]*good.txt".*"code":"190"' "$T/o"; then ok
else no "100 MB text document: rc $rc, $(head -c 200 "$T/e")"; fi
# a sentence of 5,000 words is coded in pieces, with a warning naming the document
python3 -c "import json; print(json.dumps({'id':'long','text':'Iran condemned Russia ' + 'and more ' * 2500 + '.'}))" >"$T/long.jsonl"
echo "$GOOD" >>"$T/long.jsonl"
run "5,000-word sentence" 0 'long: .*DYAD_MAX_SENTENCE_TOKENS' "$T/long.jsonl"
grep -q '"doc":"long".*"code":"111"' "$T/o" && ok || no "5,000-word sentence: event lost"
# deeply nested and truncated JSON, text a number, missing text, not an object
{ python3 -c "print('[' * 100000)"; echo "$GOOD"; echo '{"id":"t","text":"Iran cond'; echo '{"id":"n","text":42}'; echo '{"id":"m"}'; echo '"just a string"'; echo '[1,2]'; } >"$T/json.jsonl"
run "nested/truncated/typed JSON" 1 'json.jsonl:1: invalid JSON: maximum parsing depth' "$T/json.jsonl"
for re in 'json.jsonl:3: invalid JSON' 'json.jsonl:4: "text" is not a string' 'json.jsonl:5: missing "text"' 'json.jsonl:6: ' 'json.jsonl:7: '; do
    grep -q -- "$re" "$T/e" && ok || no "JSON errors: no /$re/"
done
# missing id: the id is file:line
printf '%s\n{"text":"Iran condemned Russia."}\n' "$GOOD" >"$T/noid.jsonl"
run "missing id" 0 '' "$T/noid.jsonl"
grep -q "\"doc\":\"$T/noid.jsonl:2\"" "$T/o" && ok || no "missing id: not file:line"
# duplicate ids: both coded, the second named with where the first was
printf '%s\n%s\n' "$GOOD" "$GOOD" >"$T/dup.jsonl"
run "duplicate ids" 0 'dup.jsonl:2: duplicate id "good" \(first at .*dup.jsonl:1\)' "$T/dup.jsonl"
[ "$(grep -c '"doc":"good"' "$T/o")" -eq 2 ] && ok || no "duplicate ids: a copy was dropped"
# an empty file, a directory and a missing file next to a good file
: >"$T/empty.jsonl"
echo "$GOOD" >"$T/good.jsonl"
mkdir "$T/dir"
run "empty file" 0 '' "$T/empty.jsonl" "$T/good.jsonl"
run "directory as a file" 1 "dir: is a directory" "$T/dir" "$T/good.jsonl"
run "missing file" 1 "nope.jsonl: " "$T/nope.jsonl" "$T/good.jsonl"
# HTML: unclosed tags, scripts, 10,000 nested divs; a good JSON Lines file beside
python3 -c "print('<html><body><script>Iran attacked Russia.</script>' + '<div>' * 10000 + '<p>Iran condemned Russia.<p>Unclosed <b>bold')" >"$T/deep.html"
timeout 300 $DYAD code $D --format html --date 2024-07-24 "$T/deep.html" >"$T/o" 2>"$T/e"
rc=$?
[ $rc -eq 0 ] && grep -q '"code":"111"' "$T/o" && ! grep -q '"code":"190"' "$T/o" && ok || no "html: rc $rc"
# binary junk, as JSON Lines (each line named and skipped) and as text (repaired)
head -c 200000 /dev/urandom >"$T/junk.bin"
{ cat "$T/junk.bin"; printf '\n%s\n' "$GOOD"; } >"$T/junk.jsonl"
run "binary junk as JSON Lines" 1 'junk.jsonl:[0-9]+: invalid JSON' "$T/junk.jsonl"
timeout 300 $DYAD code $D --format text "$T/junk.bin" >"$T/o" 2>"$T/e"
rc=$?
[ $rc -eq 0 ] && grep -q "junk.bin: document .*invalid UTF-8 sequences replaced" "$T/e" && ok || no "binary junk as text: rc $rc"
# impossible dates
printf '{"id":"d1","date":"2024-02-30","text":"Iran condemned Russia."}\n{"id":"d2","date":"0000-00-00","text":"Iran condemned Russia."}\n%s\n' "$GOOD" >"$T/dates.jsonl"
run "impossible dates" 1 'dates.jsonl:1: bad date "2024-02-30"' "$T/dates.jsonl"
grep -q 'dates.jsonl:2: bad date "0000-00-00"' "$T/e" && ok || no "0000-00-00 not named"

# dictionaries: a duplicate entry and a pattern that can never match are named
# by file:line by `dyad dict lint` (exit 1), and coding still runs on the rest;
# PETRARCH synsets that refer to each other (a cycle) and an unterminated
# pattern are named when loading, and the other patterns still load
mkdir -p "$T/dict/verbs"
cp "$HERE/dict/cameo.txt" "$T/dict/"
cp -r "$HERE/dict/actors" "$T/dict/"
cat "$HERE/dict/verbs/test.txt" >"$T/dict/verbs/test.txt"
printf '@verb 111 criticize\n  condemn\n  condemn\n  denounce_|\n' >>"$T/dict/verbs/test.txt"
$DYAD dict lint --dict-dir "$T/dict" >"$T/o" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q "test.txt:[0-9]*: duplicate pattern" "$T/o" && grep -q "test.txt:[0-9]*: pattern word can never match" "$T/o" && ok || no "lint: rc $rc $(head -c 300 "$T/o")"
timeout 60 $DYAD code --dict-dir "$T/dict" "$T/good.jsonl" >"$T/o" 2>"$T/e"
rc=$?
[ $rc -eq 0 ] && grep -q '"code":"190"' "$T/o" && ok || no "dictionary with lint problems: rc $rc"
cat >"$T/cycle.verbs" <<'V'
&A
+WORD
+&B
&B
+&A
+THING
--- CONDEMN [111] ---
CONDEMN
- * &A [112]
- * (UNTERMINATED [113
V
printf 'IRAN [IRN]\nRUSSIA [RUS]\n' >"$T/p.actors"
timeout 60 $DYAD code --no-default-dicts --dict-format petrarch --verbs "$T/cycle.verbs" --actors "$T/p.actors" "$T/good.jsonl" >"$T/o" 2>"$T/e"
rc=$?
[ $rc -eq 0 ] && grep -q "cycle.verbs:9: synsets .* nested too deep" "$T/e" && grep -q "cycle.verbs:10: missing ']'" "$T/e" && ok || no "synset cycle/unterminated pattern: rc $rc $(head -c 300 "$T/e")"
printf '{"id":"p","text":"Iran condemned Russia."}\n' >"$T/p.jsonl"
$DYAD code --no-default-dicts --dict-format petrarch --verbs "$T/cycle.verbs" --actors "$T/p.actors" "$T/p.jsonl" 2>/dev/null | grep -q '"code":"111"' && ok || no "peer verbs after a cycle not loaded"

finish
