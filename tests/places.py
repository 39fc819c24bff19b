#!/usr/bin/env python3
"""places.py DYAD PLACES.jsonl -- the place of each record's first event, coded
by DYAD with its default dictionaries (the gazetteer included), against the
record's expected place, country, coordinates (0.5 degrees) and reason.
Prints "places: N passed, N failed"."""
import json, subprocess, sys, tempfile

dyad, path = sys.argv[1], sys.argv[2]
recs = [json.loads(l) for l in open(path, encoding="utf-8") if l.startswith("{")]
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
    for r in recs:
        f.write(json.dumps({"id": r["id"], "date": r["date"], "text": r["text"]}) + "\n")
out = subprocess.run([dyad, "code", "-q", f.name], capture_output=True, text=True)
first = {}
for line in out.stdout.splitlines():
    e = json.loads(line)
    first.setdefault(e["doc"], e)
passed = failed = 0
for r in recs:
    e = first.get(r["id"])
    why = ""
    if e is None:
        why = "no event"
    else:
        p = e["place"]
        if r["place"] is None:
            if p is not None or not e["place_reason"].startswith(r["reason"]):
                why = f"want no place, got {p and p['name']} ({e['place_reason']})"
        elif p is None:
            why = f"want {r['place']}, got none ({e['place_reason']})"
        elif p["name"] != r["place"] or p["country"] != r.get("country") or e["place_reason"] != r["reason"]:
            why = f"want {r['place']}/{r.get('country')}/{r['reason']}, got {p['name']}/{p['country']}/{e['place_reason']}"
        elif r.get("lat") is not None and (abs(p["lat"] - r["lat"]) > 0.5 or abs(p["lon"] - r["lon"]) > 0.5):
            why = f"want {r['lat']},{r['lon']}, got {p['lat']},{p['lon']}"
    if why:
        failed += 1
        print(f"FAIL places {r['id']}: {r['text']}\n   {why}")
    else:
        passed += 1
print(f"places: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
