# lib.sh -- sourced by the shell tests: `NAME=cli; . "$(dirname "$0")/lib.sh"`.
# Sets DYAD (the binary, $1), HERE (tests/), D (the fixture dictionaries), T (a
# temporary directory removed on exit), and ok/no/finish, which count and print
# "NAME: N passed, N failed" (the line tests/run.sh reads).
set -u
DYAD=$1
HERE=$(cd "$(dirname "$0")" && pwd)
D="--dict-dir $HERE/dict"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL $NAME: $*" >&2; }
finish() {
    echo "$NAME: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
