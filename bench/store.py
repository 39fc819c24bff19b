#!/usr/bin/env python3
"""store.py DYAD SHARED -- the event store's speed, as `make bench` prints it:

- ingest into SQLite and into PostgreSQL (a throwaway cluster, tests/pgcluster.py),
  one thread, as documents/s and events/s and as a ratio to `dyad code -j 1`
  on the same input (the target: ingest <= 2x code);
- `dyad query timeline` and `dyad query events` on a store of 1,000,000
  generated events (target: under 100 ms each), wall time of the whole
  command (median of 5), with the time of `dyad db stats` on the same store
  (opening it) beside them.

Input: SHARED/corpora/politics + reuters21578 decompressed once, or, without
SHARED, examples/articles.jsonl repeated 200 times (as bench.sh)."""
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time

DYAD = os.path.abspath(sys.argv[1])
SHARED = sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))


def median(cmd, n=5, setup=None):
    ts = []
    for _ in range(n):
        if setup:
            setup()
        s = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        ts.append(time.perf_counter() - s)
    return sorted(ts)[n // 2]


def main():
    tmp = tempfile.mkdtemp(prefix="dyad-bench-store-")
    inp = os.path.join(tmp, "input.jsonl")
    pol = os.path.join(SHARED, "corpora", "politics.jsonl.zst")
    if os.path.exists(pol):
        with open(inp, "wb") as f:
            subprocess.run(["zstd", "-qdc", pol, os.path.join(SHARED, "corpora", "reuters21578.jsonl.zst")], stdout=f, check=True)
        label = "../shared/corpora politics + reuters21578"
    else:
        with open(inp, "w") as f:
            f.write(open(os.path.join(ROOT, "examples", "articles.jsonl")).read() * 200)
        label = "examples/articles.jsonl x200 (../shared absent: fallback)"
    docs = sum(1 for _ in open(inp, encoding="utf-8", errors="replace"))
    p = subprocess.run([DYAD, "code", "-q", "-j", "1", "--stats", inp], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    events = int(p.stderr.split(" sentences, ")[1].split()[0]) if " sentences, " in p.stderr else 0
    t_code = median([DYAD, "code", "-q", "-j", "1", inp], 3)
    db = os.path.join(tmp, "ingest.db")

    def fresh():
        for suffix in ("", "-journal"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)

    t_sqlite = median([DYAD, "ingest", "-q", "-j", "1", "--db", db, inp], 3, setup=fresh)
    print(f"dyad bench store -- input: {label}")
    print(f"  {docs} documents, {events} events; dyad code -j 1: {t_code:.3f} s (median of 3)")
    print(f"  {'run':<30} {'wall s':>8} {'docs/s':>9} {'events/s':>9} {'x code':>7}")

    def row(name, t):
        print(f"  {name:<30} {t:8.3f} {docs / t:9.0f} {events / t:9.0f} {t / t_code:7.2f}")

    row("ingest, SQLite (-j 1)", t_sqlite)
    import pgcluster
    cluster = pgcluster.Cluster(tmp)
    why = cluster.start()
    if why:
        print(f"  ingest, PostgreSQL: skipped ({why})")
    else:
        try:
            n = [0]

            def fresh_pg():
                n[0] += 1
                uris[0] = cluster.createdb(f"b{n[0]}")

            uris = [None]
            ts = []
            for _ in range(3):
                fresh_pg()
                s = time.perf_counter()
                subprocess.run([DYAD, "ingest", "-q", "-j", "1", "--db", uris[0], inp], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                ts.append(time.perf_counter() - s)
            row("ingest, PostgreSQL (-j 1)", sorted(ts)[1])
        finally:
            cluster.stop()
    # 1,000,000 generated events: 200 actor codes, 25 years, every root
    big = os.path.join(tmp, "million.db")
    subprocess.run([DYAD, "db", "migrate", "--db", big], stdout=subprocess.DEVNULL, check=True)
    rnd = random.Random(1)
    countries = ["TUR", "SYR", "RUS", "USA", "IRN", "IRQ", "ISR", "UKR", "CHN", "FRA", "GBR", "DEU", "EGY", "SAU",
                 "IND", "PAK", "AFG", "LBN", "JOR", "ARM", "AZE", "GEO", "KAZ", "QAT", "ARE"]
    agents = ["", "GOV", "MIL", "REB", "OPP", "POL", "BUS", "CVL"]
    codes = [("010", 1, 0.0), ("036", 1, 4.0), ("042", 1, 1.9), ("043", 1, 2.8), ("057", 1, 8.0), ("061", 2, 6.4),
             ("070", 2, 7.0), ("111", 3, -2.0), ("112", 3, -2.0), ("130", 3, -4.4), ("163", 4, -8.0),
             ("172", 4, -5.0), ("190", 4, -10.0), ("193", 4, -10.0), ("195", 4, -10.0)]
    c = sqlite3.connect(big)
    import datetime
    base = (datetime.date(2000, 1, 1) - datetime.date(1970, 1, 1)).days + 719468  # days since 0000-03-01 (dates.c)

    def rows():
        for i in range(1_000_000):
            s = rnd.choice(countries) + rnd.choice(agents)
            t = rnd.choice(countries) + rnd.choice(agents)
            code, qc, g = rnd.choice(codes)
            d = rnd.randrange(0, 9131)
            date = (datetime.date(2000, 1, 1) + datetime.timedelta(days=d)).isoformat()
            yield (base + d, date, s, s[:3], t, t[:3], code, code[:2], qc, g, "asserted", 1, 1, 1, date, date,
                   f"gen-{i}")

    c.executemany("INSERT INTO events (day, date, source, source_country, target, target_country, code, root, "
                  "quad_class, goldstein, mode, num_mentions, num_articles, num_sources, first_seen, last_seen, "
                  "first_doc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows())
    c.commit()
    c.execute("ANALYZE")
    c.close()
    t_open = median([DYAD, "db", "stats", "--db", big])
    t_tl = median([DYAD, "query", "timeline", "TUR", "SYR", "--by", "month", "--db", big, "--format", "tsv"])
    t_ev = median([DYAD, "query", "events", "--actor", "TUR", "--target", "SYR", "--since", "2015-01-01",
                   "--db", big, "--format", "tsv"])
    t_ev2 = median([DYAD, "query", "events", "--code", "19", "--limit", "100", "--db", big, "--format", "tsv"])
    print("  queries on 1,000,000 generated events (SQLite; whole command, median of 5; target < 100 ms):")
    print(f"    {'query timeline TUR SYR --by month':<58} {t_tl * 1000:7.1f} ms")
    print(f"    {'query events --actor TUR --target SYR --since 2015-01-01':<58} {t_ev * 1000:7.1f} ms")
    print(f"    {'query events --code 19 --limit 100':<58} {t_ev2 * 1000:7.1f} ms")
    print(f"    {'db stats (opens it and counts every table)':<58} {t_open * 1000:7.1f} ms")
    subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
