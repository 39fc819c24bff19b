#!/usr/bin/env python3
"""docs.py DYAD ROOT -- the examples in ROOT's README.md and docs/output.md,
run against DYAD, the way jq tests its manual.  A fenced block is tested when
the line before its fence is a marker comment:

  <!-- docs-test session ... -->  each "$ " line is a shell command, run in a
      scratch directory (build/dyad and examples/ linked there; news.jsonl.zst,
      big.jsonl.zst and page.html made from examples/); it must exit 0, a file
      it writes with "> FILE" must not be empty, and the lines after it, if
      any, are exactly what it prints.  "..." in a shown line stands for any
      text.  Dictionary paths are compared shortened to "dict/...".
  <!-- docs-test input ... -->   one JSON Lines record, coded with dyad code;
  <!-- docs-test event ... -->   the event it gives, wrapped over lines: equal
      to dyad's field by field, in the same order (paths shortened).

docs/output.md's field table must name every field of that event, and its TSV
column list must be the header dyad writes.  README's file table must name every
source file of the tree and nothing that is not in it; no file of the tree may hold
a merge conflict marker.
Prints "docs: N passed, N failed"."""
import json, os, re, shutil, subprocess, sys, tempfile

dyad, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL docs: {what}" + (f"\n{detail}" if detail else ""), file=sys.stderr)


def short_paths(text):
    # /work/x/dict/verbs/19-fight.txt -> dict/verbs/19-fight.txt
    return re.sub(r'[^\s("]*/dict/', "dict/", text)


def marked_blocks(path):
    """(kind, lines) for every fenced block right after a docs-test marker."""
    lines = open(path, encoding="utf-8").read().split("\n")
    out, i = [], 0
    while i < len(lines):
        m = re.match(r"<!-- docs-test (\w+)", lines[i])
        if m:
            j = i
            while "-->" not in lines[j]:
                j += 1
            if j + 1 < len(lines) and lines[j + 1].startswith("```"):
                k = j + 2
                while not lines[k].startswith("```"):
                    k += 1
                out.append((m.group(1), lines[j + 2:k]))
                i = k
            else:
                check(False, f"{path}:{i + 1}: docs-test marker not followed by a fenced block")
        i += 1
    return out


def shown_matches(shown, got):
    """SHOWN lines (with "..." wildcards) against GOT lines, exactly."""
    pat = "\n".join(".*".join(re.escape(p) for p in line.split("...")) for line in shown)
    return re.fullmatch(pat, "\n".join(got)) is not None


def scratch_dir():
    d = tempfile.mkdtemp(prefix="dyad-docs-")
    os.makedirs(os.path.join(d, "build"))
    os.symlink(dyad, os.path.join(d, "build", "dyad"))
    os.symlink(os.path.join(root, "examples"), os.path.join(d, "examples"))
    articles = open(os.path.join(root, "examples", "articles.jsonl"), "rb").read()
    for name in ("news.jsonl.zst", "big.jsonl.zst"):
        subprocess.run(["zstd", "-q", "-o", os.path.join(d, name)], input=articles, check=True)
    first = json.loads(articles.split(b"\n", 1)[0])
    paras = "".join(f"<p>{p}</p>" for p in first["text"].split("\n\n"))
    with open(os.path.join(d, "page.html"), "w", encoding="utf-8") as f:
        f.write(f"<html><head><title>{first.get('title', '')}</title></head><body><nav>Home</nav>"
                f"<article>{paras}</article><div class=\"newsletter\">Subscribe</div></body></html>\n")
    return d


def run_session(path, lines):
    steps = []  # [command, shown lines]
    for line in lines:
        if line.startswith("$ "):
            steps.append([line[2:], []])
        elif steps:
            steps[-1][1].append(line)
        else:
            check(False, f"{path}: output before the first command: {line}")
    d = scratch_dir()
    try:
        for cmd, shown in steps:
            p = subprocess.run(["sh", "-c", cmd], cwd=d, capture_output=True, text=True, timeout=600)
            check(p.returncode == 0, f"{path}: `{cmd}` exit {p.returncode}", p.stderr[-500:])
            for out in re.findall(r">\s*([\w.-]+)", cmd.split("#")[0]):
                f = os.path.join(d, out)
                check(os.path.isfile(f) and os.path.getsize(f) > 0, f"{path}: `{cmd}` wrote nothing to {out}")
            if shown:
                got = short_paths(p.stdout).rstrip("\n").split("\n")
                check(shown_matches(shown, got), f"{path}: `{cmd}` prints other than shown",
                      "   shown:\n" + "\n".join(shown) + "\n   dyad:\n" + "\n".join(got))
    finally:
        shutil.rmtree(d)
    return len(steps)


def ordered(text):
    return json.loads(text, object_pairs_hook=lambda pairs: pairs)


def test_output_md(path):
    blocks = marked_blocks(path)
    inputs = [b for k, b in blocks if k == "input"]
    events = [b for k, b in blocks if k == "event"]
    check(len(inputs) == 1 and len(events) == 1, f"{path}: want one docs-test input and one event block")
    if len(inputs) != 1 or len(events) != 1:
        return
    p = subprocess.run([dyad, "code"], input="\n".join(inputs[0]) + "\n", capture_output=True, text=True)
    got = [l for l in p.stdout.split("\n") if l]
    check(p.returncode == 0 and len(got) == 1, f"{path}: the input record gives {len(got)} events (exit {p.returncode}), want 1")
    if not got:
        return
    shown = ordered(" ".join(l.strip() for l in events[0]))
    have = ordered(short_paths(got[0]))
    check(shown == have, f"{path}: the event shown is not what dyad writes",
          "   shown: " + json.dumps(shown) + "\n   dyad:  " + json.dumps(have))
    # the field table names every field, and only fields dyad writes
    text = open(path, encoding="utf-8").read()
    table = text[text.index("| field | meaning |"):].split("\n\n")[0]
    named = set()
    for row in table.split("\n")[2:]:
        named.update(re.findall(r"`([a-z_]+)`", row.split("|")[1]))
    keys = {k for k, _ in have}
    check(named == keys, f"{path}: field table {sorted(named - keys)} not written, {sorted(keys - named)} not listed")
    # the TSV columns are the header dyad writes
    m = re.search(r"with these (\d+) columns: (.*?)\.\s", text, re.S)
    check(m is not None, f"{path}: no TSV column list")
    if m:
        cols = [c.strip() for c in m.group(2).replace("\n", " ").split(",")]
        p = subprocess.run([dyad, "code", "--format", "tsv", "/dev/null"], capture_output=True, text=True)
        header = p.stdout.split("\n")[0].split("\t")
        check(cols == header and int(m.group(1)) == len(header), f"{path}: TSV columns",
              f"   shown: {m.group(1)} {cols}\n   dyad:  {len(header)} {header}")


def test_file_table(path):
    """README's file table names every source file of the tree, and every
    path it names exists (tests/ and dict/ files by their names)."""
    text = open(path, encoding="utf-8").read()
    start = text.index("| file | stage |")
    table = text[start:].split("\n\n")[0]
    for name in re.findall(r"`((?:src|tools|include)/[\w./-]+)`", table):
        check(os.path.exists(os.path.join(root, name)), f"{path}: file table names {name}, which is not in the tree")
    for d, exts in (("src", (".c", ".h", ".map")), ("src/cli", (".c", ".h")), ("tools", (".c",)), ("include", (".h",))):
        for f in sorted(os.listdir(os.path.join(root, d))):
            if f.endswith(exts):
                check(f"`{d}/{f}`" in table, f"{path}: file table does not name {d}/{f}")
    for f in sorted(os.listdir(os.path.join(root, "tests"))):
        if f.endswith((".c", ".sh", ".py")) and f != "lib.sh":
            check(f in table, f"{path}: file table's tests/ row does not name {f}")


def test_no_conflict_markers():
    """No file of the tree holds a merge's conflict markers."""
    try:
        files = subprocess.run(["git", "-C", root, "ls-files"], capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return  # not a git checkout (an unpacked release): nothing to check
    for f in files:
        p = os.path.join(root, f)
        if not os.path.isfile(p) or f.endswith((".zst", ".gz")):
            continue
        with open(p, "rb") as fh:
            data = fh.read()
        bad = re.search(rb"^(<<<<<<< |>>>>>>> )", data, re.M)
        check(bad is None, f"{f}: a merge conflict marker at byte {bad.start() if bad else 0}")


readme = os.path.join(root, "README.md")
test_no_conflict_markers()
test_file_table(readme)
sessions = [b for k, b in marked_blocks(readme) if k == "session"]
check(len(sessions) >= 2, f"{readme}: want the tour's docs-test session blocks (coding, the store), found {len(sessions)}")
for s in sessions:
    check(run_session(readme, s) >= 4, f"{readme}: a tour block has fewer than 4 commands")
test_output_md(os.path.join(root, "docs", "output.md"))
print(f"docs: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
