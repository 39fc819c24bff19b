#!/bin/sh
# cli.sh DYAD -- the `dyad` binary end to end on the fixture dictionaries in
# tests/dict: options, exit statuses, bad input, compressed input, formats.
# Prints "cli: N passed, N failed".
NAME=cli
. "$(dirname "$0")/lib.sh"
check() { # check NAME COND...
    name=$1; shift
    if "$@"; then ok; else no "$name"; fi
}
has() { grep -q -- "$2" "$1"; }

# help, version, usage errors
$DYAD --help >"$T/h" 2>&1; check "--help exit 0" [ $? -eq 0 ]
check "--help lists code" has "$T/h" "code \[FILE"
check "--help gives exit statuses" has "$T/h" "Exit status"
$DYAD code --help >"$T/h" 2>&1; check "code --help" has "$T/h" "--dict-format"
$DYAD explain --help >"$T/h" 2>&1; check "explain --help" has "$T/h" "usage: dyad explain"
$DYAD dict --help >"$T/h" 2>&1; check "dict --help" has "$T/h" "lint"
$DYAD --version >"$T/h"; check "--version" has "$T/h" "^dyad [0-9]"
$DYAD code --bogus 2>"$T/e"; check "unknown option exit 2" [ $? -eq 2 ]
check "unknown option named" has "$T/e" "bogus"
$DYAD frobnicate 2>/dev/null; check "unknown command exit 2" [ $? -eq 2 ]

# mixed good and bad records: the good ones are coded, each bad one named
$DYAD code $D "$HERE/data/mixed.jsonl" >"$T/o" 2>"$T/e"
check "mixed: exit 1 (records skipped)" [ $? -eq 1 ]
check "mixed: invalid JSON named" has "$T/e" "mixed.jsonl:2: invalid JSON"
check "mixed: missing text named" has "$T/e" "mixed.jsonl:3: missing \"text\""
check "mixed: bad date named" has "$T/e" "mixed.jsonl:4: bad date \"2024-02-30\""
check "mixed: text not a string" has "$T/e" "mixed.jsonl:5: \"text\" is not a string"
check "mixed: 3 events" [ "$(wc -l <"$T/o")" -eq 3 ]
check "mixed: good-1 coded" has "$T/o" '"doc":"good-1".*"source":{"code":"TURMIL".*"target":{"code":"SYRREB".*"code":"190"'
check "mixed: event date from weekday" has "$T/o" '"doc":"good-1","sentence":1,"span":\[0,49\],"date":"2024-07-23"'
check "mixed: default id file:line" has "$T/o" "mixed.jsonl:7\""
check "mixed: person outside office is the country" has "$T/o" '"doc":"good-2".*"source":{"code":"RUS","country":"RUS","name":"Vladimir Putin"'
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$T/o" 2>/dev/null
check "mixed: every output line is JSON" [ $? -eq 0 ]

# compressed input is read transparently and gives the same output
grep -v bad "$HERE/data/mixed.jsonl" | grep '"text":"' | sed 's/^{"date"/{"id":"x","date"/' >"$T/good.jsonl"
$DYAD code $D "$T/good.jsonl" >"$T/plain.out" 2>/dev/null; check "good input exit 0" [ $? -eq 0 ]
gzip -c "$T/good.jsonl" >"$T/good.jsonl.gz"
zstd -q -c "$T/good.jsonl" >"$T/good.jsonl.zst"
$DYAD code $D "$T/good.jsonl.gz" >"$T/gz.out" 2>/dev/null
$DYAD code $D "$T/good.jsonl.zst" >"$T/zst.out" 2>/dev/null
$DYAD code $D <"$T/good.jsonl" >"$T/stdin.out" 2>/dev/null
check "gzip same events" cmp -s "$T/plain.out" "$T/gz.out"
check "zstd same events" cmp -s "$T/plain.out" "$T/zst.out"
check "stdin same events" cmp -s "$T/plain.out" "$T/stdin.out"
check "deterministic" sh -c "$DYAD code $D '$T/good.jsonl' 2>/dev/null | cmp -s - '$T/plain.out'"

# threads: -j 1 and -j 4 give byte-identical output, in input order
i=0; while [ $i -lt 700 ]; do cat "$T/good.jsonl"; i=$((i + 1)); done | awk '{sub(/"id":"[^"]*"/, "\"id\":\"d" NR "\""); print}' >"$T/many.jsonl"
$DYAD code $D -j 1 "$T/many.jsonl" >"$T/j1" 2>/dev/null
$DYAD code $D -j 4 "$T/many.jsonl" >"$T/j4" 2>/dev/null
check "-j1 output not empty" [ -s "$T/j1" ]
check "-j 1 and -j 4 identical" cmp -s "$T/j1" "$T/j4"
check "input order kept" sh -c "grep -o '\"doc\":\"d[0-9]*\"' '$T/j4' | tr -dc '0-9\n' | sort -n -c"
# -j outside 1..64 (DYAD_MAX_THREADS) is refused, not capped
for j in 0 65 256 x ""; do
    $DYAD code $D -j "$j" "$T/many.jsonl" 2>"$T/jerr" >"$T/jout"
    check "-j '$j' is a usage error" [ $? -eq 2 ]
    check "-j '$j' says why" grep -q "^dyad code: -j $j: the number of coding threads is 1..64$" "$T/jerr"
    check "-j '$j' codes nothing" [ ! -s "$T/jout" ]
done
$DYAD code $D -j 64 "$T/good.jsonl" >"$T/j64" 2>/dev/null
check "-j 64 is accepted" cmp -s "$T/j64" "$T/plain.out"

# MPI: 3 ranks on one machine give exactly the single-process output
if command -v mpirun >/dev/null 2>&1 && ! $DYAD code --mpi /dev/null 2>&1 | grep -q "without Open MPI"; then
    MPIRUN="mpirun --oversubscribe --allow-run-as-root -n 3"
    i=0; while [ $i -lt 5 ]; do cat "$T/many.jsonl"; i=$((i + 1)); done >"$T/more.jsonl"
    $DYAD code $D -j 1 "$T/more.jsonl" >"$T/single" 2>/dev/null
    $MPIRUN $DYAD code $D --mpi "$T/more.jsonl" >"$T/mpi" 2>"$T/mpi.err"
    check "mpirun -n 3 exit 0" [ $? -eq 0 ]
    check "mpi output equals single-process output" cmp -s "$T/single" "$T/mpi"
    $MPIRUN $DYAD code $D --mpi-split -o "$T/split" "$T/more.jsonl" 2>/dev/null
    check "mpi-split writes one file per rank" sh -c "[ -s '$T/split.rank0' ] && [ -s '$T/split.rank1' ] && [ -s '$T/split.rank2' ]"
    cat "$T/split.rank0" "$T/split.rank1" "$T/split.rank2" | sort >"$T/split.all"
    sort "$T/single" >"$T/single.sorted"
    check "mpi-split files hold every event once" cmp -s "$T/single.sorted" "$T/split.all"
    $MPIRUN $DYAD code $D --mpi "$HERE/data/mixed.jsonl" >"$T/mpi" 2>"$T/mpi.err"
    check "mpi: bad records skipped, exit 1" [ $? -eq 1 ]
    check "mpi: bad records still named" has "$T/mpi.err" "mixed.jsonl:2: invalid JSON"
else
    echo "cli: MPI tests skipped (no mpirun, or dyad built without Open MPI)" >&2
fi

# progress: on a terminal only, and not with --quiet
if command -v script >/dev/null 2>&1; then
    script -qc "$DYAD code $D $T/many.jsonl -o /dev/null" /dev/null >"$T/tty" 2>&1
    check "progress line on a terminal" has "$T/tty" "documents, .* sentences/s, .* events, .* elapsed"
    script -qc "$DYAD code $D --quiet $T/many.jsonl -o /dev/null" /dev/null >"$T/tty" 2>&1
    check "no progress with --quiet" [ ! -s "$T/tty" ]
fi
$DYAD code $D "$T/many.jsonl" -o /dev/null 2>"$T/e"
check "no progress when stderr is not a terminal" [ ! -s "$T/e" ]

# TSV output
$DYAD code $D --format tsv "$T/good.jsonl" >"$T/o.tsv" 2>/dev/null
check "tsv header" has "$T/o.tsv" "^doc	sentence	start	end	date"
check "tsv rows" [ "$(wc -l <"$T/o.tsv")" -eq "$(($(wc -l <"$T/plain.out") + 1))" ]
awk -F'\t' 'NR>1 && NF!=33 {exit 1}' "$T/o.tsv"; check "tsv 33 columns" [ $? -eq 0 ]

# events carry the document's source and url, and a key unique in the output
printf '{"id":"w1","source":"Dyad Wire","url":"https://example.org/w1","text":"Turkish troops attacked Syrian rebels. Turkish troops and Turkey attacked Syrian rebels."}\n{"id":"w2","text":"Turkish troops attacked Syrian rebels."}\n' >"$T/w.jsonl"
$DYAD code $D "$T/w.jsonl" >"$T/o" 2>/dev/null
check "outlet and url carried" has "$T/o" '"doc":"w1".*"key":"w1:1:15:1","outlet":"Dyad Wire","url":"https://example.org/w1"'
check "no source, outlet null" has "$T/o" '"doc":"w2".*"outlet":null,"url":null'
python3 -c '
import json,sys
k=[json.loads(l)["key"] for l in open(sys.argv[1])]
sys.exit(0 if len(k) >= 4 and len(set(k)) == len(k) else 1)' "$T/o"
check "keys unique (two events of one verb)" [ $? -eq 0 ]
$DYAD code $D --format tsv "$T/w.jsonl" 2>/dev/null | awk -F'\t' 'NR==2 && $22=="w1:1:15:1" && $23=="Dyad Wire" && $24=="https://example.org/w1" {f=1} END {exit !f}'
check "tsv key, outlet, url columns" [ $? -eq 0 ]

# plain text input with --date
printf 'ANKARA, July 24 (Wire) - Russian troops attacked Syria on Monday.\n\nIran condemned Russia.\n' >"$T/a.txt"
$DYAD code $D --format text --date 2024-07-24 "$T/a.txt" >"$T/o" 2>/dev/null
check "text input: 2 events" [ "$(wc -l <"$T/o")" -eq 2 ]
check "text input: id is the file" has "$T/o" "\"doc\":\"$T/a.txt\""
check "text input: Monday before 2024-07-24" has "$T/o" '"date":"2024-07-22"'

# HTML: body text with boilerplate dropped; tag soup and deep nesting survive
cp "$HERE/../fuzz/corpus/html/seed1" "$T/page.html"
$DYAD code $D --format html --date 2024-07-24 "$T/page.html" >"$T/o" 2>"$T/e"
check "html exit 0" [ $? -eq 0 ]
check "html: 2 events from the story" [ "$(wc -l <"$T/o")" -eq 2 ]
check "html: comment box dropped" sh -c "! grep -q 'Russia attacked Iran' '$T/o'"
check "html: the story coded" has "$T/o" '"doc":"[^"]*page.html","sentence":1,"span":\[0,'
# a title is not part of the article text: it is coded as sentence 0, the text from sentence 1
printf '<html><head><title>Turkey attacked Greece</title></head><body><p>Iran condemned Russia.</p></body></html>' >"$T/title.html"
$DYAD code $D --format html --date 2024-07-24 "$T/title.html" >"$T/o" 2>"$T/e"
check "html: title not coded as text" sh -c "grep -q '\"sentence\":1,\"span\":\[0,22\].*\"code\":\"111\"' '$T/o' && grep -q '\"sentence\":0,\"span\":\[0,22\].*\"code\":\"190\"' '$T/o' && [ \$(wc -l <'$T/o') -eq 2 ]"
python3 -c "print('<html><body>' + '<div>' * 10000 + 'Russian troops attacked Syria.' + '</div>' * 5000)" >"$T/deep.html"
printf '<p>Iran <b>condemned <i>Russia.<script>Turkey attacked Syria.</script><table><tr><td>x' >"$T/soup.html"
$DYAD code $D --format html "$T/deep.html" "$T/soup.html" >"$T/o" 2>"$T/e"
check "html: deep and unclosed exit 0" [ $? -eq 0 ]
check "html: deep nesting coded" has "$T/o" '"code":"RUSMIL"'
check "html: script not coded" sh -c "! grep -q TUR '$T/o'"
check "html: unclosed tags coded" has "$T/o" '"doc":"[^"]*soup.html".*"code":"111"'

# the grammar: compounds, passive, negation, hypothetical, speech, same actor
printf '%s\n' '{"id":"g","date":"2024-07-24","text":"Turkey and Russia condemned Iran and Syria. Putin was condemned by Iran. Syria did not attack Turkey. Iran could attack Turkey. Turkey said that Russian troops attacked Syria. Turkey condemned Turkey."}' >"$T/g.jsonl"
$DYAD code $D "$T/g.jsonl" >"$T/o" 2>/dev/null
ev() { python3 - "$T/o" <<'PY'
import json,sys
for l in open(sys.argv[1]):
    e=json.loads(l); a=e.get("attribution",{}).get("code","")
    print(e["sentence"], e["source"]["code"], e["target"]["code"], e["code"], e["mode"], a)
PY
}
ev >"$T/ev"
cat >"$T/want" <<'W'
1 TUR IRN 111 asserted 
1 TUR SYR 111 asserted 
1 RUS IRN 111 asserted 
1 RUS SYR 111 asserted 
2 IRN RUSGOV 111 asserted 
3 SYR TUR 190 negated 
4 IRN TUR 190 hypothetical 
5 RUSMIL SYR 190 asserted TUR
W
if cmp -s "$T/ev" "$T/want"; then ok; else no "grammar events:"; diff "$T/want" "$T/ev" >&2; fi

# files that are not there, directories, empty files
$DYAD code $D /nonexistent.jsonl 2>"$T/e" >/dev/null; check "missing file exit 1" [ $? -eq 1 ]
check "missing file named" has "$T/e" "/nonexistent.jsonl"
$DYAD code $D "$T" 2>"$T/e" >/dev/null; check "directory exit 1" [ $? -eq 1 ]
check "directory named" has "$T/e" "is a directory"
: >"$T/empty.jsonl"
$DYAD code $D "$T/empty.jsonl" >"$T/o" 2>&1; check "empty file exit 0" [ $? -eq 0 ]
check "empty file no output" [ ! -s "$T/o" ]
$DYAD code --dict-dir /nonexistent "$T/good.jsonl" 2>"$T/e" >/dev/null; check "missing dictionaries exit 3" [ $? -eq 3 ]
$DYAD code $D --dict-format petrarch --verbs /nonexistent.txt "$T/good.jsonl" 2>"$T/e" >/dev/null
check "missing peer dictionary exit 3" [ $? -eq 3 ]
$DYAD code $D -o /nonexistent/dir/out "$T/good.jsonl" 2>/dev/null; check "unwritable output exit 4" [ $? -eq 4 ]

# explain names files and lines
$DYAD explain $D --date 2024-07-24 "Russian troops attacked Syria." >"$T/o"
check "explain: actor with file:line" has "$T/o" 'adjective "Russian" -> RUS .*actors/test.txt:11'
check "explain: pattern with file:line" has "$T/o" 'pattern .*verbs/test.txt:6 code 190'
check "explain: event" has "$T/o" 'EVENT RUSMIL -> SYR 190 asserted'
check "explain: lemma" has "$T/o" 'attacked/attack'

# dict lint and stats
$DYAD dict lint $D >"$T/o"; check "fixture dictionaries lint clean" [ $? -eq 0 ]
$DYAD dict stats $D >"$T/o"; check "dict stats" has "$T/o" "patterns        5"
cp -r "$HERE/dict" "$T/bad"
printf '@verb 190 attack\n  attack\n@verb 999 x\n  zap +\n@verb 111 x\n  slam|blast +\n@actor tur lower\n' >>"$T/bad/verbs/test.txt"
$DYAD dict lint --dict-dir "$T/bad" >"$T/o"; check "lint finds problems: exit 1" [ $? -eq 1 ]
check "lint: duplicate pattern" has "$T/o" "duplicate pattern"
check "lint: unknown code" has "$T/o" 'test.txt:[0-9]*: verb code 999 is not in the CAMEO table'
check "lint: bad code names line" has "$T/o" 'test.txt:[0-9]*: bad code "tur"'
check "lint: verb with alternatives" has "$T/o" 'test.txt:[0-9]*: the verb (first word) cannot have alternatives'

# a phrase that starts with a plural ("workers' union") does not hide the
# plural of a one-word phrase ("worker") in the same trie
mkdir -p "$T/wu"
cp -r "$HERE/dict/actors" "$HERE/dict/verbs" "$HERE/dict/cameo.txt" "$T/wu/"
printf "@agent LAB labor\n  noun worker; workers' union\n" >"$T/wu/agents.txt"
$DYAD explain --dict-dir "$T/wu" "Russian workers attacked Syria." >"$T/o" 2>&1
check "plural beside a longer phrase" has "$T/o" "EVENT RUSLAB -> SYR 190"
$DYAD explain --dict-dir "$T/wu" "The workers' union condemned Syria." >"$T/o" 2>&1
check "the longer phrase still matches" has "$T/o" "agent \"workers ' union\"\|agent \"workers' union\""

# dyad actors: every mention, one JSON line, with its kind and dictionary entry
printf '%s\n' '{"id":"a1","date":"2024-07-24","text":"Turkish troops attacked Syria. Vladimir Putin met the rebels."}' \
    'not json' '{"id":"a2","date":"1999-01-01","text":"Putin and the government of Iran talked."}' >"$T/act.jsonl"
$DYAD actors $D -j 2 "$T/act.jsonl" >"$T/o" 2>"$T/e"
check "actors: exit 1 (a bad line)" [ $? -eq 1 ]
check "actors: bad line named" has "$T/e" "act.jsonl:2: invalid JSON"
check "actors: 6 mentions" [ "$(wc -l <"$T/o")" -eq 6 ]
python3 - "$T/o" "$T/act.jsonl" <<'PY' >"$T/r" 2>&1
import json, sys
docs = {}
for l in open(sys.argv[2]):
    try: d = json.loads(l); docs[d["id"]] = d["text"].encode()
    except ValueError: pass
m = [json.loads(l) for l in open(sys.argv[1])]
keys = ["doc", "sentence", "span", "text", "code", "country", "name", "kind", "entry"]
assert all(list(x) == keys for x in m), "fields"
got = [(x["doc"], x["sentence"], x["code"], x["kind"]) for x in m]
want = [("a1", 1, "TURMIL", "state"), ("a1", 1, "SYR", "state"), ("a1", 2, "RUSGOV", "person"),
        ("a1", 2, "REB", "agent"), ("a2", 1, "RUS", "person"), ("a2", 1, "IRNGOV", "state")]
assert got == want, got
for x in m:
    a, b = x["span"]
    assert docs[x["doc"]][a:b].decode() == x["text"], x
    f, line = x["entry"].rsplit(":", 1)
    assert open(f).read().split("\n")[int(line) - 1].strip(), x["entry"]  # the line that defines it
print("ok")
PY
check "actors: codes, kinds, spans and entries" has "$T/r" "^ok"
$DYAD actors --help >"$T/h"; check "actors --help" has "$T/h" "usage: dyad actors"
$DYAD actors -j 65 /dev/null 2>"$T/e"; check "actors -j 65 exit 2" [ $? -eq 2 ]

finish
