#!/usr/bin/env python3
"""check_people.py [--days N] [--csv] FILE... -- check the dates of dyad's people
against a second source: the dated codes of TABARI's CountryInfo and Levant
actor files and PETRARCH-2's Phoenix actor files (../shared/eval/dicts, or
$DYAD_PEER_DICTS).

For every `role CCCGOV FROM TO` of an `@person` in FILE (dyad's format), the
same person is looked up in the peer files by any of its nouns (case and
punctuation folded); the peer's intervals with a code of the same country and
agent (USR counts as RUS, as Phoenix codes the Soviet Union) are merged when
they touch, and the one overlapping the role most is compared.  A start or end
more than N days (default 90) apart is a disagreement; a role no peer interval
overlaps is listed as "no overlap" when the peer knows the person with that
code at some other time.  One person's consecutive roles with one code are
compared as one stretch, and an open peer interval (its file's end) is not
compared at its end.  Prints one line per disagreement and a summary:
"checked N roles of M people; K found in a peer file; D disagree".
Facts only: nothing is copied from the peer files."""
import datetime, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.environ.get("DYAD_PEER_DICTS") or os.path.join(HERE, "..", "..", "shared", "eval", "dicts")
PEER_FILES = ["tabari-cameo/CountryInfo.120116.actors", "tabari-cameo/Levant.080629.actors",
              "petrarch2-phoenix/Phoenix.Countries.actors.txt",
              "petrarch2-phoenix/Phoenix.International.actors.txt"]
OPEN_END = datetime.date(2026, 12, 31)


def fold(name):
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("_", " ")).strip()


def peer_day(s, end):
    """TABARI YYMMDD or YYYYMMDD; a two-digit year after 30 is 19YY."""
    s = s.strip()
    try:
        if len(s) == 8:
            return datetime.date(int(s[:4]), int(s[4:6]), int(s[6:]))
        if len(s) == 6:
            y = int(s[:2])
            y += 1900 if y > 30 else 2000
            m, d = int(s[2:4]), int(s[4:])
            for dd in (d, 30, 29, 28):
                try:
                    return datetime.date(y, m, dd)
                except ValueError:
                    continue
    except ValueError:
        pass
    return None


def read_peers():
    """fold(name) -> list of (code, from, to) from every peer file found."""
    people, found = {}, []
    for rel in PEER_FILES:
        path = os.path.join(PEERS, rel)
        if not os.path.exists(path):
            continue
        found.append(rel)
        names, codes = [], []

        def flush():
            if names and codes:
                for n in names:
                    people.setdefault(n, []).extend(codes)

        for raw in open(path, encoding="latin-1"):
            line = raw.split(";")[0].split("#")[0].rstrip()
            if not line.strip():
                continue
            if line[0] not in " \t+[":
                flush()
                names, codes = [], []
                head = line.split("[")[0].strip()
                if head:
                    names.append(fold(head))
            elif line.lstrip().startswith("+"):
                names.append(fold(line.lstrip()[1:].split("[")[0]))
            for m in re.finditer(r"\[([A-Z]{3,})\s+([<>]?)(\d{6,8})?(?:-(\d{6,8}))?\]", line):
                code, op, a, b = m.groups()
                if op == "<" and a:
                    codes.append((code, datetime.date(1900, 1, 1), peer_day(a, True)))
                elif op == ">" and a:
                    codes.append((code, peer_day(a, False), OPEN_END))
                elif a and b:
                    codes.append((code, peer_day(a, False), peer_day(b, True)))
        flush()
    return people, found


def read_dyad(paths):
    """[(file, line, person, nouns, code, from, to)] for GOV roles."""
    out = []
    for path in paths:
        person, nouns = None, []
        for no, raw in enumerate(open(path, encoding="utf-8"), 1):
            line = raw.split("#")[0].rstrip()
            s = line.strip()
            if s.startswith("@person"):
                person, nouns = s[len("@person"):].strip(), [s[len("@person"):].strip()]
            elif s.startswith("@"):
                person = None
            elif person and s.startswith("noun"):
                nouns += [n.strip() for n in s[4:].split(";") if n.strip()]
            elif person and s.startswith("role"):
                f = s.split()
                if len(f) < 4 or not f[1].endswith("GOV"):
                    continue
                try:
                    a = datetime.date.fromisoformat(f[2])
                    b = OPEN_END if f[3] == "-" else datetime.date.fromisoformat(f[3])
                except ValueError:
                    continue
                out.append((path, no, person, list(nouns), f[1], a, b))
    return out


def norm_code(c):
    return "RUS" + c[3:] if c.startswith("USR") else c


def merged(intervals):
    iv = sorted((a, b) for a, b in intervals if a and b)
    out = []
    for a, b in iv:
        if out and (a - out[-1][1]).days <= 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def main(argv):
    days, files = 90, []
    i = 0
    while i < len(argv):
        if argv[i] == "--days":
            days = int(argv[i + 1]); i += 2; continue
        files.append(argv[i]); i += 1
    if not files:
        print(__doc__.split("\n\n")[0], file=sys.stderr)
        return 2
    peers, found = read_peers()
    if not found:
        print(f"check_people: no peer files under {PEERS}: skipped", file=sys.stderr)
        return 0
    roles = read_dyad(files)
    people = {r[2] for r in roles}
    # one person's roles with one code that follow each other (a second
    # term, a change of title) are one stretch, as the peers write them
    stretches = []
    for r in roles:
        path, no, person, nouns, code, a, b = r
        last = stretches[-1] if stretches else None
        if last and last[2] == person and last[4] == code and 0 <= (a - last[6]).days <= 7:
            stretches[-1] = last[:6] + (max(b, last[6]),)
        else:
            stretches.append(r)
    known = disagree = 0
    for path, no, person, nouns, code, a, b in stretches:
        cands = []
        for n in nouns:
            cands += peers.get(fold(n), [])
        same = [(x, y) for c, x, y in cands if norm_code(c) == norm_code(code)]
        if not same:
            continue
        known += 1
        best, overlap = None, -1
        for x, y in merged(same):
            ov = (min(y, b) - max(x, a)).days
            if ov > overlap:
                best, overlap = (x, y), ov
        if overlap < 0:
            disagree += 1
            spans = ", ".join(f"{x}..{y}" for x, y in merged(same))
            print(f"{path}:{no}: {person} {code} {a}..{b}: no overlap with the peers' {spans}")
            continue
        x, y = best
        ds = abs((x - a).days) if x.year > 1900 else 0
        # an open peer interval ends where its file was written (2008-2012)
        de = 0 if y == OPEN_END else abs((y - b).days)
        if ds > days or de > days:
            disagree += 1
            print(f"{path}:{no}: {person} {code} {a}..{b}: peers say {x}..{'' if y == OPEN_END else y} "
                  f"(start {ds} days, end {de} days apart)")
    print(f"check_people: checked {len(roles)} GOV roles ({len(stretches)} stretches) of {len(people)} people; "
          f"{known} stretches found in a peer file ({', '.join(os.path.basename(f) for f in found)}); "
          f"{disagree} disagree by more than {days} days")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
