#!/bin/sh
# linking.sh DYAD -- libdyad as an outside program sees it, in the build tree
# next to DYAD: every global symbol of libdyad.a and libdyad.so starts with
# dyad, the .so exports exactly the DYAD_API functions of include/dyad.h and
# has its soname, and tests/link.c (which defines buf_put, trim, xmalloc, ...
# itself) links statically and dynamically and codes a sentence.
# Prints "linking: N passed, N failed".
NAME=linking
. "$(dirname "$0")/lib.sh"
BUILD=$(cd "$(dirname "$DYAD")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CC=${CC:-cc}
check() { # check NAME COND...
    name=$1; shift
    if "$@"; then ok; else no "$name"; fi
}
# a sanitizer build's library needs the sanitizer runtime in the program too
SAN=
if "$DYAD" --version 2>/dev/null | grep -q sanitizers; then
    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer"
fi

for lib in libdyad.a libdyad.so; do
    if [ -e "$BUILD/$lib" ]; then ok; else no "$BUILD/$lib missing"; continue; fi
    nm -g --defined-only "$BUILD/$lib" >"$T/nm" 2>"$T/nm.err"
    check "nm $lib" [ $? -eq 0 ]
    # AddressSanitizer adds __odr_asan.NAME for each global NAME
    awk 'NF == 3 { sub(/^__odr_asan\./, "", $3); print $3 }' "$T/nm" >"$T/names"
    check "$lib defines global symbols" [ -s "$T/names" ]
    grep -v '^dyad' "$T/names" >"$T/bad"
    check "$lib: global symbols not starting with dyad: $(tr '\n' ' ' <"$T/bad")" [ ! -s "$T/bad" ]
done

# the .so exports the public API and nothing else
grep -o '^DYAD_API [^(]*(' "$ROOT/include/dyad.h" | sed -E 's/.*[ *](dyad_[a-z0-9_]+)\($/\1/' \
    | sort >"$T/api"
nm -D --defined-only "$BUILD/libdyad.so" | awk 'NF == 3 { print $3 }' | sort >"$T/exported"
check "dyad.h declares the API" [ "$(wc -l <"$T/api")" -gt 20 ]
check "libdyad.so exports exactly the DYAD_API functions: $(diff "$T/api" "$T/exported" | grep '^[<>]' | tr '\n' ' ')" \
    cmp -s "$T/api" "$T/exported"
check "libdyad.so soname" sh -c "readelf -d '$BUILD/libdyad.so' | grep -q 'SONAME.*\\[libdyad\\.so\\.0\\]'"
check "libdyad.so.0 is a link to the real file" [ -L "$BUILD/libdyad.so.0" -a -f "$BUILD/libdyad.so.0" ]

# a program with its own buf_put, trim, ... links against both and runs
LIBS=$(make -s -C "$ROOT" print-ldlibs)
CFL="-std=c11 -Wall -Wextra -Werror -I$ROOT/include $SAN"
$CC $CFL -o "$T/link-static" "$HERE/link.c" "$BUILD/libdyad.a" $LIBS 2>"$T/err"
check "static link: $(head -3 "$T/err")" [ $? -eq 0 ]
$CC $CFL -o "$T/link-shared" "$HERE/link.c" -L"$BUILD" -ldyad 2>"$T/err"
check "dynamic link: $(head -3 "$T/err")" [ $? -eq 0 ]
check "dynamic program needs libdyad.so.0" sh -c "readelf -d '$T/link-shared' | grep -q 'NEEDED.*\\[libdyad\\.so\\.0\\]'"
for kind in static shared; do
    LD_LIBRARY_PATH=$BUILD "$T/link-$kind" >"$T/out" 2>"$T/err"
    check "$kind program runs: $(cat "$T/err")" [ $? -eq 0 ]
    check "$kind program read the source tree's dict/" grep -q " $ROOT/dict/verbs/" "$T/out"
done
check "the shared program used build's libdyad.so" \
    sh -c "LD_LIBRARY_PATH='$BUILD' ldd '$T/link-shared' | grep -q '$BUILD/libdyad.so.0'"
finish
