#!/usr/bin/env python3
"""verb_gaps.py [--top N] [--verbs DIR] CORPUS.jsonl[.zst] MENTIONS.jsonl --
which verbs news puts between two actors, and how many of them dyad's verb
dictionary has a pattern for.

MENTIONS is `dyad actors CORPUS` (one JSON line per actor mention).  For two
mentions next to each other in one sentence with at most 80 bytes between
them, the first verb form in the text between them (WordNet's verb index and
exception lists, a few suffix rules; a past form, an -s form right after the
first actor, or a bare or -ing form after an auxiliary, modal or "to", so that
nouns such as "oil" or "groups" are not counted) is one occurrence of its
lemma.  Prints the share of occurrences whose lemma
starts a pattern in DIR (default dict/verbs), and the most frequent lemmas
with no pattern.  A measure of the dictionary, not of the coder: a covered
lemma may still miss its construction."""
import collections, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
WN = "/usr/share/wordnet"
SKIP = set("""be is are was were been being am has have had having do does did will would shall should
may might can could must also not never just only still now then again already even so""".split())


AUX = set("to will would shall should may might can could must did does do is are was were be been has have had".split())


def read_corpus(path):
    if path.endswith(".zst"):
        data = subprocess.run(["zstd", "-dc", path], capture_output=True, check=True).stdout
    else:
        data = open(path, "rb").read()
    docs = {}
    for no, line in enumerate(data.decode("utf-8", "replace").split("\n"), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except ValueError:
            continue
        if isinstance(d.get("text"), str):
            docs[d.get("id") or f"{path}:{no}"] = d["text"].encode("utf-8")
    return docs


def wordnet():
    verbs, exc = set(), {}
    try:
        for line in open(os.path.join(WN, "index.verb"), encoding="latin-1"):
            if not line.startswith(" "):
                verbs.add(line.split(" ", 1)[0])
        for line in open(os.path.join(WN, "verb.exc"), encoding="latin-1"):
            f = line.split()
            if len(f) >= 2:
                exc.setdefault(f[0], f[1])
    except OSError:
        sys.exit("verb_gaps: WordNet is missing (sh scripts/install-deps.sh)")
    return verbs, exc


def lemma(w, verbs, exc):
    if w in SKIP:
        return None
    if w in exc:
        return exc[w]
    for suf, rep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                     ("es", ""), ("s", ""), ("", "")):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            base = w[: len(w) - len(suf)] + rep if suf else w
            if base in verbs:
                return base
            # doubled consonant: "planned", "stopping"
            if suf in ("ed", "ing") and len(base) > 3 and base[-1] == base[-2] and base[:-1] in verbs:
                return base[:-1]
    return None


def pattern_lemmas(d):
    out = set()
    for root, _, files in os.walk(d):
        for f in files:
            if not f.endswith(".txt"):
                continue
            for line in open(os.path.join(root, f), encoding="utf-8"):
                if line.startswith((" ", "\t")) and line.strip() and not line.strip().startswith("#"):
                    out.add(line.split()[0].split("_")[0].lower())
    return out


def main(argv):
    top, vdir, args = 40, os.path.join(HERE, "..", "dict", "verbs"), []
    i = 0
    while i < len(argv):
        if argv[i] == "--top":
            top = int(argv[i + 1]); i += 2
        elif argv[i] == "--verbs":
            vdir = argv[i + 1]; i += 2
        else:
            args.append(argv[i]); i += 1
    if len(args) != 2:
        sys.exit(__doc__.split("\n\n")[0])
    docs = read_corpus(args[0])
    verbs, exc = wordnet()
    have = pattern_lemmas(vdir)
    by_sent = collections.defaultdict(list)
    for line in open(args[1], encoding="utf-8"):
        m = json.loads(line)
        by_sent[(m["doc"], m["sentence"])].append(m["span"])
    occ = collections.Counter()
    for (doc, _), spans in by_sent.items():
        text = docs.get(doc)
        if text is None:
            continue
        spans.sort()
        for a, b in zip(spans, spans[1:]):
            if b[0] - a[1] > 80 or b[0] <= a[1]:
                continue
            gap = text[a[1]:b[0]].decode("utf-8", "replace").lower()
            words = re.findall(r"[a-z]+(?:-[a-z]+)?", gap)
            for k, w in enumerate(words):
                lem = lemma(w, verbs, exc)
                if not lem:
                    continue
                # a verb form, not a noun that is also a verb ("oil", "groups"):
                # a past form, an -ing after an auxiliary, a bare form after a
                # modal or "to", an -s form right after the actor
                prev = words[k - 1] if k else ""
                if not (w in exc or w.endswith("ed") or (w.endswith("s") and k == 0)
                        or (prev in AUX and (w.endswith("ing") or w == lem))):
                    continue
                occ[lem] += 1
                break
    total = sum(occ.values())
    covered = sum(n for l, n in occ.items() if l in have)
    print(f"verb_gaps: {total} verb occurrences between two actors ({len(occ)} lemmas); "
          f"{covered} ({100.0 * covered / max(total, 1):.1f}%) have a pattern")
    print("most frequent lemmas with no pattern:")
    for l, n in [x for x in occ.most_common() if x[0] not in have][:top]:
        print(f"  {n:6d} {l}")


if __name__ == "__main__":
    main(sys.argv[1:])
