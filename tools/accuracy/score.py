#!/usr/bin/env python3
"""Scores a Flyback JSON report against the psql + pg_dump ground truth of the same V/U folder.

Usage: score.py [--classes FILE] [--markdown OUT.md] CORPUS:TRUTH.json:REPORT.json [...]

Recall: of the revisions where the ground truth sees a defect, how many Flyback reports with an error of the same
family, by kind:
  up fails          UP_FAILED, CONCURRENTLY_IN_TRANSACTION, TIMED_OUT
  undo fails        UNDO_FAILED, CONCURRENTLY_IN_TRANSACTION, TIMED_OUT
  down differs      LEFTOVER_*, MISSING_*, CHANGED_* (or UNDO_FAILED, REUP_*)
  up again fails    REUP_FAILED
  up again differs  REUP_DIFFERS (or LEFTOVER_*, MISSING_*, CHANGED_*: Flyback reports a difference once)
  column order      COLUMN_ORDER_CHANGED, which Flyback reports at info by design
  layout            CHANGED_<kind> at any severity: a function's source differing only in spacing is information
A revision Flyback never reached (its run stopped earlier) counts as missed.

Clean revisions: every error Flyback reports on a revision the ground truth calls clean, with its class from the
classes file (lines "corpus<TAB>version<TAB>rule<TAB>class<TAB>why"; class one of real-hazard, synthetic-data,
flyback-bug), or "unclassified".
"""
import argparse
import json
import re
import sys

FAMILIES = {
    "up fails": lambda r: r in ("UP_FAILED", "CONCURRENTLY_IN_TRANSACTION", "TIMED_OUT"),
    "undo fails": lambda r: r in ("UNDO_FAILED", "CONCURRENTLY_IN_TRANSACTION", "TIMED_OUT"),
    "down differs": lambda r: re.match(r"^(LEFTOVER|MISSING|CHANGED)_", r) or r in ("UNDO_FAILED", "REUP_FAILED",
                                                                                 "REUP_DIFFERS"),
    "up again fails": lambda r: r == "REUP_FAILED",
    "up again differs": lambda r: r == "REUP_DIFFERS" or re.match(r"^(LEFTOVER|MISSING|CHANGED)_", r),
    "column order": lambda r: r == "COLUMN_ORDER_CHANGED",
    "layout": lambda r: r.startswith("CHANGED_"),
}


def truth_kinds(revision):
    kinds = []
    if "up_failed" in revision:
        kinds.append("up fails")
    if "undo_failed" in revision:
        kinds.append("undo fails")
    if "down_differs" in revision:
        kind = revision["down_differs"]["kind"]
        kinds.append(kind if kind in ("column order", "layout") else "down differs")
    if "reup_failed" in revision:
        kinds.append("up again fails")
    if "reup_differs" in revision and revision["reup_differs"]["kind"] == "schema":
        kinds.append("up again differs")
    return kinds


def normalize(version):
    return ".".join(str(int(p)) for p in re.split(r"[._]", version))


def load_classes(path):
    classes = {}
    if not path:
        return classes
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            corpus, version, rule, kind, why = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
            classes[(corpus, normalize(version), rule)] = (kind, why)
    return classes


def score(corpus, truth, report, classes):
    findings = {}
    for finding in report["findings"]:
        findings.setdefault(normalize(finding["version"]), []).append(finding)
    reached = {normalize(r["version"]) for r in report["revisions"]}
    kinds_total, kinds_caught, missed, clean_errors = {}, {}, [], []
    clean = 0
    for revision in truth["revisions"]:
        version = normalize(revision["version"])
        errors = [f for f in findings.get(version, []) if f["severity"] == "error"]
        all_rules = [f["rule"] for f in findings.get(version, [])]
        kinds = truth_kinds(revision)
        if not kinds:
            clean += 1
            for f in errors:
                kind, why = classes.get((corpus, version, f["rule"]), ("unclassified", ""))
                clean_errors.append((revision["script"], f, kind, why))
            continue
        for kind in kinds:
            kinds_total[kind] = kinds_total.get(kind, 0) + 1
            rules = all_rules if kind in ("column order", "layout") else [f["rule"] for f in errors]
            if version in reached and any(FAMILIES[kind](r) for r in rules):
                kinds_caught[kind] = kinds_caught.get(kind, 0) + 1
            else:
                missed.append((revision["script"], kind, "not reached" if version not in reached else
                               ", ".join(sorted(set(all_rules))) or "no finding"))
    return {"corpus": corpus, "revisions": len(truth["revisions"]), "clean": clean, "total": kinds_total,
            "caught": kinds_caught, "missed": missed, "clean_errors": clean_errors}


def markdown(results):
    out = ["| corpus | revisions | defective (ground truth) | caught | recall | errors on clean revisions "
           "| unclassified |", "|---|---|---|---|---|---|---|"]
    for r in results:
        total = sum(v for k, v in r["total"].items() if k not in ("column order", "layout"))
        caught = sum(v for k, v in r["caught"].items() if k not in ("column order", "layout"))
        unclassified = sum(1 for e in r["clean_errors"] if e[2] == "unclassified")
        out.append("| %s | %d | %d | %d | %s | %d | %d |" % (
            r["corpus"], r["revisions"], total, caught, "%.1f%%" % (100.0 * caught / total) if total else "n/a",
            len(r["clean_errors"]), unclassified))
    for r in results:
        out.append("\n### %s\n" % r["corpus"])
        out.append("| ground truth | revisions | caught |")
        out.append("|---|---|---|")
        for kind in FAMILIES:
            if kind in r["total"]:
                out.append("| %s | %d | %d |" % (kind, r["total"][kind], r["caught"].get(kind, 0)))
        if r["missed"]:
            out.append("\nMissed:\n")
            for script, kind, seen in r["missed"]:
                out.append("- %s: %s (Flyback: %s)" % (script, kind, seen))
        if r["clean_errors"]:
            out.append("\nErrors on revisions the ground truth calls clean:\n")
            out.append("| revision | rule | object | class | why |")
            out.append("|---|---|---|---|---|")
            for script, f, kind, why in r["clean_errors"]:
                out.append("| %s | %s | %s | %s | %s |" % (script, f["rule"], f.get("object") or "", kind, why))
    return "\n".join(out) + "\n"


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="+", help="CORPUS:TRUTH.json:REPORT.json")
    parser.add_argument("--classes")
    parser.add_argument("--markdown")
    args = parser.parse_args(argv[1:])
    classes = load_classes(args.classes)
    results = []
    for run in args.runs:
        corpus, truth, report = run.split(":")
        with open(truth, encoding="utf-8") as t, open(report, encoding="utf-8") as r:
            results.append(score(corpus, json.load(t), json.load(r), classes))
    text = markdown(results)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
