#!/usr/bin/env python3
"""golden.py DYAD GOLDEN.jsonl -- codes each record of GOLDEN with dyad's own
dictionaries and compares the set of (source, target, code, mode) with the
record's "events" exactly ("events": [] means "must not code").  A record
with "xfail": "reason" is a known gap of the coder: it is reported, not failed.
Prints "golden: N passed, N failed"."""
import json, subprocess, sys, tempfile, os

dyad, path = sys.argv[1], sys.argv[2]
recs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
    for r in recs:
        f.write(json.dumps({"id": r["id"], "date": r.get("date", "2024-07-24"), "text": r["text"]}) + "\n")
    inp = f.name
out = subprocess.run([dyad, "code", inp], capture_output=True, text=True)
os.unlink(inp)
passed = failed = xfailed = 0
# every record was coded ("events": [] must mean "not coded", not "not run")
if out.returncode != 0:
    failed += 1
    print(f"FAIL golden: dyad code exit {out.returncode}: {out.stderr[-500:]}")
ids = [r["id"] for r in recs]
for i in sorted({i for i in ids if ids.count(i) > 1}):
    failed += 1
    print(f"FAIL golden: id {i} used by {ids.count(i)} records")
got = {}
for l in out.stdout.splitlines():
    e = json.loads(l)
    got.setdefault(e["doc"], []).append((e["source"]["code"], e["target"]["code"], e["code"], e["mode"]))
for r in recs:
    want = sorted((e["source"], e["target"], e["code"], e.get("mode", "asserted")) for e in r["events"])
    have = sorted(got.get(r["id"], []))
    if want == have:
        passed += 1
        if r.get("xfail"):
            print(f"XPASS golden {r['id']} (marked xfail: {r['xfail']}): remove the mark", file=sys.stderr)
    elif r.get("xfail"):
        # a known gap of the coder, kept visible: counted, printed, not a failure
        xfailed += 1
        print(f"xfail golden {r['id']} ({r['xfail']}): want {want} got {have}", file=sys.stderr)
    else:
        failed += 1
        print(f"FAIL golden {r['id']}: {r['text']}\n   want {want}\n   got  {have}")
roots = {e["code"][:2] for r in recs for e in r["events"]}
print(f"golden: roots covered {len(roots)}/20; {xfailed} known failures (xfail)", file=sys.stderr)
print(f"golden: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
