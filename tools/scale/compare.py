"""Compares the reports tools/scale/compare.sh wrote: one database, --jobs, merged shards (issue 18).

Usage: compare.py OUT_DIR JOBS SHARDS corpus:one_ms:jobs_ms:slowest_shard_ms ...
Timings and the run's profile are left out of the comparison, and so are wall-clock times a migration baked into
the schema (Lemmy's views hold now() as a literal, which differs between any two runs); everything else of the JSON
report is compared.
"""
import json
import re
import sys

WALL_CLOCK = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?")


def normalized(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)

    def strip(node):
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in ("durationMillis", "profile")}
        if isinstance(node, list):
            return [strip(v) for v in node]
        if isinstance(node, str):
            return WALL_CLOCK.sub("<time>", node)
        return node

    return strip(report)


def differences(a, b, where="", found=None):
    found = [] if found is None else found
    if len(found) >= 3:
        return found
    if type(a) is not type(b):
        found.append(f"{where}: {str(a)[:80]} | {str(b)[:80]}")
    elif isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            differences(a.get(key), b.get(key), f"{where}.{key}", found)
    elif isinstance(a, list):
        if len(a) != len(b):
            found.append(f"{where}: {len(a)} items | {len(b)} items")
        for i, (x, y) in enumerate(zip(a, b)):
            differences(x, y, f"{where}[{i}]", found)
    elif a != b:
        found.append(f"{where}: {str(a)[:80]} | {str(b)[:80]}")
    return found


def count(path, text):
    with open(path, encoding="utf-8", errors="replace") as f:
        return sum(1 for line in f if text in line)


def main():
    out, jobs, shards, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    print(f"| corpus | revisions | findings | --jobs {jobs} same | ranges proved again | {shards} shards merged same "
          f"| shards not starting where the one before ended | one database ms | --jobs {jobs} ms (ratio) "
          f"| slowest shard ms (ratio) |")
    print("|---|---:|---:|---|---:|---|---:|---:|---:|---:|")
    notes = []
    for run in runs:
        corpus, one, parallel, slowest = run.split(":")
        one, parallel, slowest = int(one), int(parallel), int(slowest)
        single = normalized(f"{out}/{corpus}-one.json")
        cells = []
        for other in ("jobs", "merged"):
            diff = differences(single, normalized(f"{out}/{corpus}-{other}.json"))
            cells.append("yes" if not diff else "**no**")
            notes.extend(f"- {corpus} {other}: {d}" for d in diff)
        again = count(f"{out}/{corpus}-jobs.txt", "proved again after")
        notes_merged = count(f"{out}/{corpus}-merged.txt", "note: shard")
        print(f"| {corpus} | {len(single['revisions'])} | {len(single['findings'])} | {cells[0]} | {again} | {cells[1]} "
              f"| {notes_merged} | {one} | {parallel} ({parallel / one:.2f}) | {slowest} ({slowest / one:.2f}) |")
    if notes:
        print()
        print("\n".join(notes))


if __name__ == "__main__":
    main()
