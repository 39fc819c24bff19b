#!/usr/bin/env python3
"""store.py DYAD [--pg] -- the event store end to end through the real binary:
dyad ingest, query, export and db on SQLite files, and (with --pg) the same on
a throwaway PostgreSQL cluster this script starts on a Unix socket in a
temporary directory and stops at the end (tests/pgcluster.py).

Merging (20 differently worded reports of one clash -> one event with
NumArticles 20; two clashes on different days stay two; window:N), re-ingest
(no change; a changed text replaces its mentions), kill -9 in the middle of a
large ingest (the database opens, holds whole batches, and a rerun gives what
a clean run gives), queries and their filters (bound, never pasted into SQL),
the exports read back (GDELT's 61 and 16 columns, PLOVER, CSV, JSON Lines),
the schema version, and bad databases (not a database, corrupt, read-only
directory, a full disk, a newer schema, an unreachable server).  Prints
"store: N passed, M failed" (or "store-pg: ...")."""
import csv
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

DYAD = os.path.abspath(sys.argv[1])
PG = "--pg" in sys.argv
NAME = "store-pg" if PG else "store"
HERE = os.path.dirname(os.path.abspath(__file__))
passed = failed = 0


def check(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {NAME}: {what}" + (f": {detail}" if detail else ""))


def run(*args, stdin=None, env=None, timeout=600):
    p = subprocess.run([DYAD, *args], input=stdin, capture_output=True, text=True, env=env, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def jsonl(docs):
    return "".join(json.dumps(d) + "\n" for d in docs)


# ---- fixtures: original sentences written for these tests ------------------------
SUBJ = ["Turkish troops clashed with Syrian government forces", "Turkish soldiers clashed with Syrian troops",
        "The Turkish army clashed with the Syrian army", "Turkish forces fought Syrian government troops",
        "Turkey's military clashed with Syrian forces"]
PLACE = ["near Idlib", "near the city of Idlib", "in Idlib province", "outside Idlib"]
LEAD = ["", "Officials said that ", "", "Witnesses reported that "]
TAIL = ["", " Casualties were not immediately known.", " Both sides blamed each other.",
        " The fighting lasted several hours, residents said."]
OUTLETS = ["Anatolia Wire", "Levant Daily", "Northern Ledger", "Gulf Courier", "Caspian Post"]


def clash_reports(n, day_word="on Tuesday", date="2020-02-05", prefix="clash"):
    docs = []
    for i in range(n):
        s = SUBJ[i % len(SUBJ)]
        lead = LEAD[(i // 5) % len(LEAD)]
        if lead:
            s = s[0].lower() + s[1:] if not s.startswith("Turk") else s
        text = f"{lead}{s} {PLACE[(i // 5) % len(PLACE)]} {day_word}.{TAIL[i % len(TAIL)]}"
        docs.append({"id": f"{prefix}-{i}", "date": date, "text": text, "source": OUTLETS[i % len(OUTLETS)],
                     "url": f"https://example.org/{prefix}/{i}"})
    return docs


def sqlite_count(db, sql):
    c = sqlite3.connect(db)
    try:
        return c.execute(sql).fetchone()[0]
    finally:
        c.close()


class Store:
    """A place for databases: SQLite files in a temporary directory, or
    databases on the throwaway PostgreSQL cluster."""

    def __init__(self, tmp, cluster=None):
        self.tmp, self.cluster, self.n = tmp, cluster, 0

    def new(self):
        self.n += 1
        if self.cluster:
            return self.cluster.createdb(f"t{self.n}")
        return os.path.join(self.tmp, f"t{self.n}.db")


def events_of(db):
    rc, out, err = run("export", "--db", db, "--format", "jsonl")
    return [json.loads(l) for l in out.splitlines()] if rc == 0 else None


def key_of(e):
    return (e["source"]["code"], e["target"]["code"], e["code"], e["date"], e["mode"], e["num_mentions"],
            e["num_articles"], e["num_sources"],
            tuple(sorted((m["doc"], m["key"]) for m in e["mentions"])))


def test_ingest_merge(st):
    db = st.new()
    docs = clash_reports(20)
    rc, out, err = run("ingest", "--db", db, "-", stdin=jsonl(docs))
    check(rc == 0, "ingest 20 reports", err)
    ev = events_of(db)
    clashes = [e for e in ev if e["code"] == "190" and e["source"]["code"] == "TURMIL" and e["target"]["code"] == "SYRMIL"]
    check(len(clashes) == 1, "20 reports of one clash are one event", f"{len(clashes)} events")
    if clashes:
        e = clashes[0]
        check(e["num_articles"] == 20, "NumArticles 20", e["num_articles"])
        check(e["num_mentions"] >= 20, "NumMentions >= 20", e["num_mentions"])
        check(e["num_sources"] == len(OUTLETS), "NumSources counts distinct outlets", e["num_sources"])
        check(e["date"] == "2020-02-04", "the event's date (Tuesday), not the article's", e["date"])
        check(len(e["mentions"]) == e["num_mentions"], "every mention is kept", len(e["mentions"]))
        check(e["place"] and e["place"]["name"] == "Idlib", "the event is placed", e["place"])
        check(e["first_seen"] == "2020-02-05" and e["source_url"] == "https://example.org/clash/0",
              "first seen and first report's url", (e["first_seen"], e["source_url"]))
    # re-ingest: nothing changes
    before = sorted(map(key_of, ev))
    rc, out, err = run("ingest", "--db", db, "-", stdin=jsonl(docs))
    check(rc == 0 and "20 unchanged" in err, "re-ingest says unchanged", err)
    check(sorted(map(key_of, events_of(db))) == before, "a re-ingest does not double the counts")
    # a second clash on another day stays another event
    other = clash_reports(3, day_word="on Friday", date="2020-02-08", prefix="friday")
    rc, out, err = run("ingest", "--db", db, "-", stdin=jsonl(other))
    ev = events_of(db)
    clashes = [e for e in ev if e["code"] == "190" and e["source"]["code"] == "TURMIL" and e["target"]["code"] == "SYRMIL"]
    check(sorted(e["date"] for e in clashes) == ["2020-02-04", "2020-02-07"], "two clashes on different days stay two",
          [(e["date"], e["num_articles"]) for e in clashes])
    check(sorted(e["num_articles"] for e in clashes) == [3, 20], "each keeps its own reports")
    # a changed text replaces that document's mentions
    changed = dict(docs[0])
    changed["date"] = "2020-02-08"
    changed["text"] = "Turkish troops clashed with Syrian government forces near Idlib on Friday."
    rc, out, err = run("ingest", "--db", db, "-", stdin=jsonl([changed]))
    check(rc == 0 and "1 replaced" in err, "a changed text is replaced", err)
    ev = events_of(db)
    by_date = {e["date"]: e for e in ev if e["code"] == "190" and e["source"]["code"] == "TURMIL"}
    check(by_date.get("2020-02-04", {}).get("num_articles") == 19 and by_date.get("2020-02-07", {}).get("num_articles") == 4,
          "its mentions move to the event its new text reports",
          {d: e["num_articles"] for d, e in by_date.items()})
    rc, out, err = run("db", "stats", "--db", db)
    check(rc == 0 and "merge\tday,km:50" in out, "the database records its merge rule", out)
    rc, out, err = run("ingest", "--db", db, "--merge", "none", "-", stdin="")
    check(rc == 2 and "--merge day" in err, "another merge rule on the same database is refused", err)


def test_merge_rules(st):
    one = [{"id": "a", "date": "2020-02-05", "source": "Anatolia Wire",
            "text": "Turkish troops clashed with Syrian government forces near Idlib on Tuesday."},
           {"id": "b", "date": "2020-02-05", "source": "Levant Daily",
            "text": "Turkish troops clashed with Syrian government forces near Idlib on Wednesday."},
           {"id": "c", "date": "2020-02-05", "source": "Gulf Courier",
            "text": "Turkish troops clashed with Syrian government forces near Aleppo on Wednesday."}]
    counts = {}
    for rule in ("day", "window:1", "none", "window:1,km:100"):
        db = st.new()
        rc, out, err = run("ingest", "--db", db, "--merge", rule, "-", stdin=jsonl(one))
        ev = [e for e in events_of(db) or [] if e["code"] == "190"]
        counts[rule] = sorted(e["num_articles"] for e in ev)
    # Idlib and Aleppo are about 60 km apart
    check(counts["day"] == [1, 1, 1], "day: Tuesday, Wednesday in Idlib, Wednesday in Aleppo are three", counts["day"])
    check(counts["window:1"] == [1, 2], "window:1 merges a day apart, not 60 km apart", counts["window:1"])
    check(counts["window:1,km:100"] == [3], "km:100 merges places 60 km apart", counts["window:1,km:100"])
    check(counts["none"] == [1, 1, 1], "none: every mention its own event", counts["none"])
    rc, out, err = run("ingest", "--db", st.new(), "--merge", "window:0", "-", stdin="")
    check(rc == 2, "window:0 is a usage error", err)


def test_queries(st):
    db = st.new()
    rc, out, err = run("ingest", "--db", db, os.path.join(HERE, "..", "examples", "articles.jsonl"))
    check(rc == 0, "ingest examples", err)
    rc, out, err = run("query", "dyads", "--db", db, "--top", "5", "--format", "json")
    rows = [json.loads(l) for l in out.splitlines()]
    check(rc == 0 and len(rows) == 5 and all(r["source"] != r["target"] for r in rows), "query dyads --top 5", out)
    check(rows == sorted(rows, key=lambda r: -r["events"]), "dyads with most events first")
    rc, out, err = run("query", "timeline", "TUR", "SYR", "--db", db, "--by", "year", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    check(rc == 0 and rows, "query timeline TUR SYR", err)
    ev = events_of(db)
    want = {}
    for e in ev:
        if e["mode"] != "asserted" or not e["date"]:
            continue
        s, t = e["source"]["code"], e["target"]["code"]
        d = "A->B" if s.startswith("TUR") and t.startswith("SYR") else "B->A" if s.startswith("SYR") and t.startswith("TUR") else None
        if d:
            k = (e["date"][:4], d)
            want[k] = want.get(k, 0) + 1
    got = {(r["period"], r["direction"]): int(r["events"]) for r in rows}
    check(got == want, "timeline counts both directions per year", f"{got} != {want}")
    check(all(int(r["events"]) == sum(int(r[f"quad{k}"]) for k in range(1, 5)) for r in rows), "QuadClass bars add up")
    rc, out, err = run("query", "timeline", "TUR", "SYR", "--db", db, "--by", "week", "--format", "json")
    rows = [json.loads(l) for l in out.splitlines()]
    check(rc == 0 and rows and all("-W" in r["period"] for r in rows), "weeks are ISO weeks", out[:200])
    rc, out, err = run("query", "events", "--db", db, "--code", "19", "--limit", "0", "--format", "json")
    rows = [json.loads(l) for l in out.splitlines()]
    check(rc == 0 and rows and all(r["code"].startswith("19") for r in rows), "--code 19 gives only 19x", out[:300])
    check(len(rows) == sum(1 for e in ev if e["code"].startswith("19")), "--code 19 gives all 19x")
    rc, out, err = run("query", "events", "--db", db, "--actor", "TUR", "--since", "2019-01-01", "--until", "2020-12-31",
                       "--mode", "asserted", "--limit", "0", "--format", "json")
    rows = [json.loads(l) for l in out.splitlines()]
    want = [e for e in ev if e["source"]["code"].startswith("TUR") and "2019-01-01" <= (e["date"] or "") <= "2020-12-31"
            and e["mode"] == "asserted"]
    check(rc == 0 and len(rows) == len(want) and rows, "--actor --since --until --mode", f"{len(rows)} != {len(want)}")
    dates = [r["date"] for r in rows]
    check(dates == sorted(dates, reverse=True), "events newest first")
    rc, out, err = run("query", "events", "--db", db, "--near", "35.93,36.63", "--km", "30", "--limit", "0", "--format", "json")
    rows = [json.loads(l) for l in out.splitlines()]
    check(rc == 0 and rows and all(r["place"] == "Idlib" for r in rows), "--near Idlib --km 30", out[:300])
    rc, out, err = run("query", "events", "--db", db, "--country", "SYR", "--limit", "3", "--offset", "1", "--format", "json")
    rows = [json.loads(l) for l in out.splitlines()]
    check(rc == 0 and len(rows) == 3 and all(r["place_country"] == "SYR" for r in rows), "--country --limit --offset")
    # values are bound, never pasted into SQL
    rc, out, err = run("query", "events", "--db", db, "--actor", "TUR' OR '1'='1", "--format", "json")
    check(rc == 2 and not out, "an actor code with SQL in it is refused", err)
    rc, out, err = run("query", "actors", "--db", db, "--search", "x' OR '1'='1", "--format", "json")
    check(rc == 0 and out == "", "a search with SQL in it matches nothing", out[:200])
    rc, out, err = run("query", "actors", "--db", db, "--search", "erdogan", "--format", "json")
    rows = [json.loads(l) for l in out.splitlines()]
    check(rc == 0 and rows and all("erdo" in (r["name"] or "").lower() or r["code"].startswith("ERDOGAN") for r in rows),
          "query actors --search", out[:300])
    rc, out, err = run("query", "actors", "--db", db, "--top", "3", "--format", "tsv")
    check(rc == 0 and len(out.splitlines()) == 4, "query actors --top 3 (TSV with header)", out)
    one = next(e for e in ev if e["num_mentions"] >= 1)
    rc, out, err = run("query", "mentions", str(one["id"]), "--db", db, "--format", "json")
    rows = [json.loads(l) for l in out.splitlines()]
    check(rc == 0 and len(rows) == one["num_mentions"] and all(r["event"] == one["id"] and r["text"] and r["doc"] for r in rows),
          "query mentions EVENT_ID", out[:300])
    rc, out, err = run("query", "mentions", "999999", "--db", db)
    check(rc == 1 and "no event" in err, "mentions of an event that does not exist", err)
    rc, out, err = run("query", "dyads", "--db", db, "--format", "table")
    lines = out.splitlines()
    check(rc == 0 and lines[0].split()[:3] == ["source", "target", "events"] and len({len(l) for l in lines[:3]}) == 1,
          "an aligned table", out[:300])
    return db, ev


def test_export(db, ev):
    rc, out, err = run("export", "--db", db, "--format", "gdelt")
    rows = [l.split("\t") for l in out.splitlines()]
    check(rc == 0 and len(rows) == len(ev), "gdelt: one row per event", f"{len(rows)} != {len(ev)}")
    check(all(len(r) == 61 for r in rows), "gdelt: 61 columns", {len(r) for r in rows})
    byid = {e["id"]: e for e in ev}
    ok = True
    for r in rows:
        e = byid.get(int(r[0]))
        if not e:
            ok = False
            break
        d = (e["date"] or "").replace("-", "")
        ok &= r[1] == d and r[2] == d[:6] and r[3] == d[:4] and r[5] == e["source"]["code"] and r[15] == e["target"]["code"]
        ok &= r[26] == e["code"] and r[27] == e["code"][:3] and r[28] == e["code"][:2] and int(r[29]) == e["quad_class"]
        ok &= abs(float(r[30]) - e["goldstein"]) < 0.051 and int(r[31]) == e["num_mentions"] and int(r[32]) == e["num_sources"]
        ok &= int(r[33]) == e["num_articles"] and r[60] == (e["source_url"] or "")
        if e["place"]:
            ok &= r[52] == e["place"]["name"]
            if e["place"]["lat"] is not None:
                ok &= abs(float(r[56]) - e["place"]["lat"]) < 0.001
    check(ok, "gdelt: columns read back (SQLDATE, codes with leading zeros, counts, ActionGeo, SOURCEURL)")
    check(any(r[26].startswith("0") for r in rows), "gdelt: codes keep their leading zeros")
    rc, out, err = run("export", "--db", db, "--format", "gdelt-mentions")
    rows = [l.split("\t") for l in out.splitlines()]
    check(rc == 0 and len(rows) == sum(e["num_mentions"] for e in ev), "gdelt-mentions: one row per mention")
    check(all(len(r) == 16 for r in rows), "gdelt-mentions: 16 columns", {len(r) for r in rows})
    check(all(int(r[0]) in byid and r[3] == "1" for r in rows), "gdelt-mentions: event ids and MentionType")
    rc, out, err = run("export", "--db", db, "--format", "plover")
    rows = [json.loads(l) for l in out.splitlines()]
    check(rc == 0 and len(rows) == len(ev), "plover: one object per event")
    types = {r["cameo"][:2]: r["event_type"] for r in rows}
    check(types.get("19") == "ASSAULT" and types.get("04") == "CONSULT" and all(r["actor"]["code"] for r in rows),
          "plover: event types from CAMEO roots", types)
    rc, out, err = run("export", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    check(rc == 0 and len(rows) == len(ev) and all(rows[i]["code"] == byid[int(rows[i]["id"])]["code"] for i in range(len(rows))),
          "csv: read back")
    rc, out, err = run("export", "--db", db, "--format", "csv", "--code", "19")
    check(rc == 0 and len(out.splitlines()) - 1 == sum(1 for e in ev if e["code"].startswith("19")), "export takes filters")
    rc, out, err = run("export", "--db", db, "--format", "gdelt", "-o", "/nonexistent/dir/x.tsv")
    check(rc == 4 and "/nonexistent/dir/x.tsv" in err, "export to a path that cannot be written: exit 4", err)


def test_plot(db, tmp):
    png, svg, net = (os.path.join(tmp, n) for n in ("tl.png", "tl.svg", "net.svg"))
    rc, out, err = run("plot", "--db", db, "TUR", "SYR", "--by", "year", "-o", png)
    data = open(png, "rb").read() if os.path.exists(png) else b""
    check(rc == 0 and data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == 1000,
          "plot TUR SYR -o .png: a 1000-pixel-wide PNG", err)
    rc, out, err = run("plot", "--db", db, "TUR", "SYR", "--by", "year", "--size", "800x500", "-o", svg)
    text = open(svg).read() if os.path.exists(svg) else ""
    check(rc == 0 and text.startswith("<?xml") and "2011" in text, "plot -o .svg with the years on its axis", err)
    rc, out, err = run("plot", "--db", db, "--network", "--top", "5", "-o", net)
    check(rc == 0 and os.path.getsize(net) > 1000, "plot --network", err)
    rc, out, err = run("plot", "--db", db, "TUR", "SYR", "-o", os.path.join(tmp, "x.gif"))
    check(rc == 2 and ".svg or .png" in err, "plot to another format is a usage error", err)
    rc, out, err = run("plot", "--db", db, "TUR", "SYR", "-o", "/nonexistent/dir/x.png")
    check(rc == 4 and "/nonexistent/dir/x.png" in err, "plot to a path that cannot be written: exit 4", err)
    rc, out, err = run("plot", "--db", os.path.join(tmp, "nothing.db"), "TUR", "SYR", "-o", png)
    check(rc == 6, "plot from a database that does not exist: exit 6", err)


def test_kill(st, tmp):
    """kill -9 in the middle of a large ingest, then reopen and rerun."""
    rnd = random.Random(7)
    docs = []
    for i in range(48000):
        d = clash_reports(1, day_word="on Tuesday", date=f"20{10 + i % 12:02d}-0{1 + i % 9}-1{i % 10}", prefix=f"k{i}")[0]
        d["text"] += " " + rnd.choice(TAIL) + " Turkish officials criticised Syria on Monday."
        docs.append(d)
    path = os.path.join(tmp, "big.jsonl")
    with open(path, "w") as f:
        f.write(jsonl(docs))
    clean = st.new()
    rc, out, err = run("ingest", "--db", clean, "-j", "1", path)
    check(rc == 0, "clean ingest of the large input", err)
    want = sorted(map(key_of, events_of(clean)))
    killed = st.new()
    stored_at_kill = None
    for delay in (0.6, 0.3, 1.2, 0.15, 2.0, 0.05):
        p = subprocess.Popen([DYAD, "ingest", "--db", killed, "-j", "1", "-q", path], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        rc, out, err = run("db", "stats", "--db", killed)
        check(rc == 0, "the database opens after kill -9", err)
        n = int(dict(l.split("\t") for l in out.splitlines()).get("documents", "-1")) if rc == 0 else -1
        if 0 < n < len(docs):
            stored_at_kill = n
            break
    check(stored_at_kill is not None, "the kill came in the middle of the ingest", stored_at_kill)
    if stored_at_kill is not None:
        check(stored_at_kill % 512 == 0, "only whole batches are stored", stored_at_kill)
    rc, out, err = run("ingest", "--db", killed, "-j", "1", path)
    check(rc == 0 and f"{stored_at_kill} unchanged" in err, "the rerun skips what was stored", err)
    got = sorted(map(key_of, events_of(killed)))
    check(got == want, "the rerun finishes the job: the same events as a clean run, no duplicates",
          f"{len(got)} vs {len(want)} events")


def test_bad(st, tmp):
    txt = os.path.join(tmp, "notes.txt")
    with open(txt, "w") as f:
        f.write("these are not the rows you are looking for\n" * 100)
    before = open(txt, "rb").read()
    rc, out, err = run("ingest", "--db", txt, os.devnull)
    check(rc == 6 and txt in err and "not a SQLite database" in err and err.count("\n") == 1, "a file that is not a database", err)
    check(open(txt, "rb").read() == before, "... is left as it was")
    rc, out, err = run("query", "dyads", "--db", os.path.join(tmp, "missing.db"))
    check(rc == 6 and "missing.db" in err and "cannot open" in err, "query on a database that does not exist", err)
    check(not os.path.exists(os.path.join(tmp, "missing.db")), "a query creates nothing")
    # another dyad's schema, and one that is not dyad's
    db = os.path.join(tmp, "newer.db")
    run("db", "migrate", "--db", db)
    c = sqlite3.connect(db)
    c.execute("UPDATE dyad_meta SET value = '99' WHERE key = 'schema_version'")
    c.commit()
    c.close()
    for cmd in (["ingest", "--db", db, os.devnull], ["query", "dyads", "--db", db], ["db", "migrate", "--db", db]):
        rc, out, err = run(*cmd)
        check(rc == 6 and "schema version 99" in err and "newer" in err, f"{cmd[0]}: a newer schema is refused", err)
    other = os.path.join(tmp, "other.db")
    c = sqlite3.connect(other)
    c.execute("CREATE TABLE events (x)")
    c.commit()
    c.close()
    rc, out, err = run("ingest", "--db", other, os.devnull)
    check(rc == 6 and "not a dyad database" in err, "someone else's database is refused", err)
    check(sqlite_count(other, "SELECT count(*) FROM sqlite_master") == 1, "... and not changed")
    # corrupt: a real store with its pages overwritten
    good = os.path.join(tmp, "corrupt.db")
    rc, out, err = run("ingest", "--db", good, os.path.join(HERE, "..", "examples", "articles.jsonl"))
    data = bytearray(open(good, "rb").read())
    for i in range(100, len(data), 997):
        data[i] = (data[i] + 0x55) & 0xFF
    open(good, "wb").write(data)
    rc, out, err = run("query", "events", "--db", good, "--limit", "0")
    check(rc == 6 and good in err and err.count("\n") == 1, "a corrupt database: one clear line, exit 6", err)
    rc, out, err = run("ingest", "--db", good, os.path.join(HERE, "..", "examples", "articles.jsonl"))
    check(rc == 6 and bytes(data) == open(good, "rb").read(), "ingest into a corrupt database changes nothing", err)
    # a read-only directory (as root, which writes anywhere, the test runs dyad as nobody)
    ro = os.path.join(tmp, "ro")
    os.mkdir(ro)
    os.chmod(ro, 0o555)
    as_other = []
    if os.geteuid() == 0:
        os.chmod(tmp, 0o755)
        as_other = ["runuser", "-u", "nobody", "--"]
    p = subprocess.run(as_other + [DYAD, "ingest", "--db", os.path.join(ro, "x.db"), os.devnull], capture_output=True, text=True)
    check(p.returncode == 6 and "x.db" in p.stderr and "cannot open or create" in p.stderr, "a read-only directory: exit 6", p.stderr)
    check(os.listdir(ro) == [], "... and nothing is left in it")
    d = os.path.join(tmp, "adir.db")
    os.mkdir(d)
    rc, out, err = run("ingest", "--db", d, os.devnull)
    check(rc == 6 and "adir.db" in err, "a database path that is a directory", err)
    # a full disk: a file-size limit; what was committed before stays
    full = os.path.join(tmp, "full.db")
    rc, out, err = run("ingest", "--db", full, os.path.join(HERE, "..", "examples", "articles.jsonl"))
    n0 = sqlite_count(full, "SELECT count(*) FROM documents")
    size = os.path.getsize(full)
    big = os.path.join(tmp, "big2.jsonl")
    with open(big, "w") as f:
        f.write(jsonl(clash_reports(3000, prefix="full")))
    p = subprocess.run(["sh", "-c", f"trap '' XFSZ; ulimit -f {(size + 8192) // 512}; exec \"$0\" ingest --db \"$1\" \"$2\"",
                        DYAD, full, big], capture_output=True, text=True)
    check(p.returncode == 6 and full in p.stderr, "a full disk: exit 6 naming the database", p.stderr)
    c = sqlite3.connect(full)
    ok = c.execute("PRAGMA integrity_check").fetchone()[0]
    n1 = c.execute("SELECT count(*) FROM documents").fetchone()[0]
    c.close()
    check(ok == "ok" and n1 == n0, "after a full disk the database is whole and holds what it held", (ok, n0, n1))


def test_schema(st):
    db = st.new()
    rc, out, err = run("db", "migrate", "--db", db)
    check(rc == 0 and "schema version 1" in out, "db migrate creates the schema", out + err)
    rc, out, err = run("db", "migrate", "--db", db)
    check(rc == 0 and "schema version 1" in out, "db migrate on a current database changes nothing", out + err)
    rc, out, err = run("db", "stats", "--db", db)
    check(rc == 0 and "documents\t0" in out, "db stats on an empty store", out)


def main():
    tmp = tempfile.mkdtemp(prefix="dyad-store-")
    cluster = None
    try:
        if PG:
            sys.path.insert(0, HERE)
            import pgcluster
            cluster = pgcluster.Cluster(tmp)
            why = cluster.start()
            if why:
                print(f"{NAME}: skipped ({why})")
                return 0
        st = Store(tmp, cluster)
        test_schema(st)
        test_ingest_merge(st)
        test_merge_rules(st)
        db, ev = test_queries(st)
        test_export(db, ev)
        test_plot(db, tmp)
        test_kill(st, tmp)
        if PG:
            test_pg(st, cluster, tmp)
        else:
            test_bad(st, tmp)
    finally:
        if cluster:
            cluster.stop()
        subprocess.run(["rm", "-rf", tmp])
    print(f"{NAME}: {passed} passed, {failed} failed")
    return 1 if failed else 0


def test_pg(st, cluster, tmp):
    """Four ingest processes writing overlapping inputs to one database."""
    docs = clash_reports(40) + clash_reports(40, day_word="on Friday", date="2020-02-08", prefix="fri")
    examples = open(os.path.join(HERE, "..", "examples", "articles.jsonl")).read().splitlines()
    parts = []
    for k in range(4):
        mine = [d for i, d in enumerate(docs) if i % 4 != k]  # each input overlaps the others
        part = os.path.join(tmp, f"part{k}.jsonl")
        with open(part, "w") as f:
            f.write(jsonl(mine) + "\n".join(examples[k::2]) + "\n")
        parts.append(part)
    single = st.new()
    for part in parts:
        run("ingest", "--db", single, "-q", part)
    want = sorted(map(key_of, events_of(single)))
    db = st.new()
    procs = [subprocess.Popen([DYAD, "ingest", "--db", db, "-q", "-j", "1", p], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for p in parts]
    errs = [p.communicate()[1] for p in procs]
    check(all(p.returncode == 0 for p in procs), "four ingests at once", errs)
    got = sorted(map(key_of, events_of(db)))
    check(got == want, "four writers give exactly the events of one ingest (no duplicate, no lost mention)",
          f"{len(got)} vs {len(want)}")
    rc, out, err = run("ingest", "--db", "postgresql://127.0.0.1:1/nothing?connect_timeout=3", os.devnull)
    check(rc == 6 and "cannot connect" in err and err.count("\n") == 1, "an unreachable server: one line, exit 6", err)
    rc, out, err = run("ingest", "--db", "postgresql://dyad:secret@127.0.0.1:1/nothing", os.devnull)
    check(rc == 6 and "secret" not in err, "a password in the URI is not repeated", err)
    # a newer schema
    db2 = st.new()
    run("db", "migrate", "--db", db2)
    cluster.psql(db2, "UPDATE dyad_meta SET value = '99' WHERE key = 'schema_version'")
    rc, out, err = run("query", "dyads", "--db", db2)
    check(rc == 6 and "schema version 99" in err, "postgresql: a newer schema is refused", err)


if __name__ == "__main__":
    sys.exit(main())
