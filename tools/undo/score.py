#!/usr/bin/env python3
"""Scores `flyback undo --all` runs against ground truth: of the revisions whose original down was reversible (no
`down_differs` and no `undo_failed` in truth-<corpus>.json), the share whose written undo Flyback proved, with the
first finding of each one not proven, classified by its rule."""
import argparse
import collections
import json
import re


def score(truth_path, console_path):
    truth = json.load(open(truth_path))
    reversible = {r["script"] for r in truth["revisions"] if "down_differs" not in r and "undo_failed" not in r}
    console = open(console_path, encoding="utf-8").read()
    written = {re.sub(r"^U", "V", m) for m in re.findall(r"^Wrote .*/(U[^/ ]+\.sql) \(", console, re.M)}
    failed = {}
    for block in re.finditer(r"^Not proven: the undo of (\S+) needs your hand\n((?:(?!Not proven|Not reached|Proven).*\n)*)",
                             console, re.M):
        first = re.search(r"^(?:error|warning) (\S+)", block.group(2), re.M)
        failed[block.group(1)] = first.group(1) if first else "unknown"
    for script in re.findall(r"^Not reached: the undo of (\S+) ", console, re.M):
        failed[script] = "not reached (an earlier revision failed)"
    proven = written - set(failed)
    return {
        "revisions": len(truth["revisions"]),
        "reversible": len(reversible),
        "written": len(written & reversible),
        "proven": len(proven & reversible),
        "why": collections.Counter(failed[s] for s in failed if s in reversible),
        "ended": "Proven:" in console,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--markdown", required=True)
    parser.add_argument("runs", nargs="+", help="corpus:truth.json:console.txt")
    args = parser.parse_args()
    lines = ["| corpus | revisions | reversible by pg_dump | undo written | proven | share | not proven, by first finding |",
             "|---|---|---|---|---|---|---|"]
    total = collections.Counter()
    for run in args.runs:
        corpus, truth, console = run.split(":")
        s = score(truth, console)
        total.update({k: s[k] for k in ("revisions", "reversible", "written", "proven")})
        share = f"{100 * s['proven'] / s['reversible']:.1f}%" if s["reversible"] else "-"
        why = ", ".join(f"{rule} {n}" for rule, n in s["why"].most_common()) or ""
        lines.append(f"| {corpus} | {s['revisions']} | {s['reversible']} | {s['written']} | {s['proven']} | {share} | "
                     f"{why}{'' if s['ended'] else ' (run did not finish)'} |")
    share = f"{100 * total['proven'] / total['reversible']:.1f}%" if total["reversible"] else "-"
    lines.append(f"| all | {total['revisions']} | {total['reversible']} | {total['written']} | {total['proven']} | "
                 f"{share} | |")
    open(args.markdown, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
