#!/bin/sh
# layers.sh BUILD -- the library's objects depend on each other without a
# circle.  From `nm` of each BUILD/obj/*.o (defined T/D/B/R symbols, undefined
# U symbols) it builds the graph "A uses a symbol B defines", prints the layer
# order (each object after everything it uses), and fails naming a cycle.
# An object using its own symbols is fine.
NAME=layers
set -u
BUILD=${1:-build}
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for o in "$BUILD"/obj/*.o; do
    [ -f "$o" ] || continue
    b=$(basename "$o" .o)
    nm "$o" | awk -v o="$b" 'NF == 3 && $2 ~ /^[TDBR]$/ { print "D", o, $3 }
                             $1 == "U" { print "U", o, $2 }'
done >"$T/syms"
if [ ! -s "$T/syms" ]; then
    echo "FAIL $NAME: no objects in $BUILD/obj" >&2
    echo "$NAME: 0 passed, 1 failed"; exit 1
fi
# edges "user provider", then a topological sort that reports a cycle
awk '$1 == "D" { def[$3] = $2; objs[$2] = 1 }
     $1 == "U" { use[NR] = $2 " " $3 }
     END {
         for (i in use) { split(use[i], a, " "); p = def[a[2]]
             if (p != "" && p != a[1]) dep[a[1] " " p] = 1 }
         for (o in objs) print "N", o
         for (e in dep) print "E", e
     }' "$T/syms" | sort >"$T/graph"
awk '$1 == "N" { n[$2] = 1; left++ }
     $1 == "E" { deps[$2] = deps[$2] " " $3; cnt[$2]++ }
     END {
         order = ""
         while (left > 0) {
             progress = 0
             # emit, in name order, every object whose dependencies are all placed
             m = 0; for (o in n) if (!(o in done)) names[++m] = o
             for (i = 2; i <= m; i++) { x = names[i]; for (j = i - 1; j >= 1 && names[j] > x; j--) names[j + 1] = names[j]; names[j + 1] = x }
             layer = ""
             for (i = 1; i <= m; i++) { o = names[i]; k = split(deps[o], d, " "); ok = 1
                 for (j = 1; j <= k; j++) if (!(d[j] in done)) ok = 0
                 if (ok) { layer = layer (layer == "" ? "" : " ") o; ready[o] = 1 } }
             for (o in ready) { done[o] = 1; left--; progress = 1 }
             delete ready
             if (!progress) break
             print "layer: " layer
         }
         if (left > 0) {
             # follow unplaced dependencies from an unplaced object until one repeats
             for (o in n) if (!(o in done)) { start = o; break }
             path = start; seen[start] = 1; cur = start
             for (;;) { k = split(deps[cur], d, " "); nxt = ""
                 for (j = 1; j <= k; j++) if (!(d[j] in done)) { nxt = d[j]; break }
                 path = path " -> " nxt
                 if (nxt in seen) break
                 seen[nxt] = 1; cur = nxt }
             # keep the loop only: from the first occurrence of the repeated object
             sub("^.*(^| )" nxt " ->", nxt " ->", path)
             print "cycle: " path
         }
     }' "$T/graph" >"$T/out"
cat "$T/out"
if grep -q '^cycle:' "$T/out"; then
    echo "FAIL $NAME: the objects depend on each other in a circle: $(sed -n 's/^cycle: //p' "$T/out")" >&2
    fail=$((fail + 1))
else
    pass=$((pass + 1))
fi
echo "$NAME: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
