#!/usr/bin/env python3
"""places.py DYAD PLACES.jsonl -- the place of each record's event (the first,
or the "event"-th from 0), coded by DYAD with its default dictionaries (the
gazetteer included), against the record's expected place, country,
coordinates (0.5 degrees) and reason; optionally the event's "source" and
"target" codes, and an "absent" code that no event and no actor mention of the
document may have (a capital named as a place codes no government).
Prints "places: N passed, N failed"."""
import json, subprocess, sys, tempfile

dyad, path = sys.argv[1], sys.argv[2]
recs = [json.loads(l) for l in open(path, encoding="utf-8") if l.startswith("{")]
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
    for r in recs:
        f.write(json.dumps({"id": r["id"], "date": r["date"], "text": r["text"]}) + "\n")
out = subprocess.run([dyad, "code", "-q", f.name], capture_output=True, text=True)
mentions = subprocess.run([dyad, "actors", "-q", f.name], capture_output=True, text=True)
events, codes = {}, {}
for line in out.stdout.splitlines():
    e = json.loads(line)
    events.setdefault(e["doc"], []).append(e)
    for k in ("source", "target"):
        if e.get(k):
            codes.setdefault(e["doc"], set()).add(e[k]["code"])
for line in mentions.stdout.splitlines():
    m = json.loads(line)
    codes.setdefault(m["doc"], set()).add(m["code"])
passed = failed = 0
for r in recs:
    evs = events.get(r["id"], [])
    n = r.get("event", 0)
    e = evs[n] if n < len(evs) else None
    why = ""
    if e is None:
        why = f"no event {n}"
    else:
        p = e["place"]
        if r["place"] is None:
            if p is not None or not e["place_reason"].startswith(r["reason"]):
                why = f"want no place ({r['reason']}), got {p and p['name']} ({e['place_reason']})"
        elif p is None:
            why = f"want {r['place']}, got none ({e['place_reason']})"
        elif p["name"] != r["place"] or p["country"] != r.get("country") or e["place_reason"] != r["reason"]:
            why = f"want {r['place']}/{r.get('country')}/{r['reason']}, got {p['name']}/{p['country']}/{e['place_reason']}"
        elif r.get("lat") is not None and (abs(p["lat"] - r["lat"]) > 0.5 or abs(p["lon"] - r["lon"]) > 0.5):
            why = f"want {r['lat']},{r['lon']}, got {p['lat']},{p['lon']}"
        for k in ("source", "target"):
            if not why and r.get(k) and (e.get(k) or {}).get("code") != r[k]:
                why = f"want {k} {r[k]}, got {(e.get(k) or {}).get('code')}"
    if not why and r.get("absent") and r["absent"] in codes.get(r["id"], set()):
        why = f"{r['absent']} coded (events or actor mentions)"
    if why:
        failed += 1
        print(f"FAIL places {r['id']}: {r['text']}\n   {why}")
    else:
        passed += 1
print(f"places: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
