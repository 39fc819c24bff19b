#!/bin/sh
# grammar.sh DYAD -- each word class of dict/grammar.txt is data: with dyad's
# own dictionaries, a sentence per class codes differently once the class's
# lines are dropped from a copy of dict/ (dyad code --dict-dir).  Also an added
# word: "yet" is no ADV word until grammar.txt lists it; and the irregular forms
# are data too (dict/irregular.exc), not WordNet read at run time.
# Prints "grammar: N passed, N failed".
NAME=grammar
. "$(dirname "$0")/lib.sh"
DICT=$HERE/../dict
cp -r "$DICT" "$T/g"

# code DIR TEXT: the event records of TEXT (article date 2024-07-24, a
# Wednesday), without the pattern's file name
code() {
    printf '{"id":"t","date":"2024-07-24","text":"%s"}\n' "$2" >"$T/in.jsonl"
    $DYAD code --dict-dir "$1" "$T/in.jsonl" 2>&1 | sed 's/"pattern":"[^"]*"//'
}
# drops CLASS TEXT: TEXT codes differently without CLASS's lines
drops() {
    grep -v "^$1 " "$DICT/grammar.txt" >"$T/g/grammar.txt"
    code "$DICT" "$2" >"$T/with"
    code "$T/g" "$2" >"$T/without"
    if ! grep -q '"code"' "$T/with" "$T/without"; then no "$1: no event from \"$2\""
    elif cmp -s "$T/with" "$T/without"; then no "$1: dropping the class changes nothing in \"$2\""
    else ok; fi
}

drops ADV "Russia will not now meet Ukraine."                 # negated
drops WH "Iran, whom Syria backed, accused Israel."           # subject Iran
drops JOIN "Turkey condemned Syria and accused Israel."       # shared subject
drops PLACE "Putin condemned near Turkey the Syrian army."    # a place is the last resort (a capital there is no actor at all)
drops AT "Putin met at the Turkish border with Assad."
drops QUANT "Israel said several attacks hit Syria."          # attacks: a noun
drops ACCORDING "Turkey attacked Syria, according to Iran."   # attribution Iran
drops RECIP "Armenia and Azerbaijan met."                     # each towards the other
drops OWN "Turkey recalled its ambassador from Lithuania."    # not Lithuania's
drops PREP "A delegation with Iran condemned Syria."          # Iran: not the subject
drops FUTURE "Turkey will meet Syria on Saturday."            # the 27th, not the 20th
drops BETWEEN "Clashes erupted between Indian and Pakistani troops."  # a nominal event

# an added word
cp "$DICT/grammar.txt" "$T/g/grammar.txt"
code "$T/g" "Russia will not yet meet Ukraine." >"$T/without"
echo "ADV yet" >>"$T/g/grammar.txt"
code "$T/g" "Russia will not yet meet Ukraine." >"$T/with"
if grep -q '"mode":"asserted"' "$T/without" && grep -q '"mode":"negated"' "$T/with"; then ok
else no "ADV yet: an added word is not read"; fi

# irregular forms: a verb form added to irregular.exc, one dropped from it
cp "$DICT/grammar.txt" "$T/g/grammar.txt"
code "$T/g" "Russia mett Ukraine." >"$T/without"
echo "verb meet mett" >>"$T/g/irregular.exc"
code "$T/g" "Russia mett Ukraine." >"$T/with"
if ! grep -q '"code":"04' "$T/without" && grep -q '"code":"04' "$T/with"; then ok
else no "irregular.exc: an added verb form is not read"; fi
# "cut" is its own participle: "was cut off" is a passive (no source here)
grep -v '^verb cut ' "$DICT/irregular.exc" >"$T/g/irregular.exc"
code "$DICT" "Iraq was cut off from relations with Syria." >"$T/with"
code "$T/g" "Iraq was cut off from relations with Syria." >"$T/without"
if ! grep -q '"code"' "$T/with" && grep -q '"source":{"code":"IRQ"' "$T/without"; then ok
else no "irregular.exc: without 'verb cut cut', 'was cut off' is still a passive"; fi
if grep -q '^verb take took$' "$DICT/generated/irregular.exc" && ! grep -v '^#' "$DICT/generated/irregular.exc" | grep -q _
then ok; else no "dict/generated/irregular.exc: no 'verb take took', or a multi-word entry"; fi

finish
