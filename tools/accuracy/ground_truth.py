#!/usr/bin/env python3
"""The ground truth for a folder of V/U scripts, taken with nothing but psql and pg_dump.

Usage: ground_truth.py CORPUS_DIR OUT_JSON [--host H] [--port P] [--user U] [--database NAME]

For each revision in version order, from the state the previous one left: apply the up, pg_dump; apply the down,
pg_dump (it must equal the dump before the up); apply the up again, pg_dump (it must equal the dump after the first
up). A script runs as Flyway would run it: in one transaction (psql -1), unless its .conf says
executeInTransaction=false or it holds a statement PostgreSQL refuses in a transaction (CONCURRENTLY, VACUUM), in which
case Flyway runs it outside one, and refuses it when it mixes such a statement with others. A failed down or second
up is recorded, and the database is rebuilt to the revision's state (every up again) before the next revision; a
failed up ends the run, as it ends Flyway's.

Dumps are compared after dropping comments, blank lines and session SET lines. A difference made only of the same
table definitions with their lines in another order is recorded as column order; one made only of spaces and line
breaks outside string literals (a function's source re-created with other indentation) as layout.

The database named (default gt_<folder name>) is dropped and created: point this at a server of your own.
"""
import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import time

NON_TRANSACTIONAL = re.compile(r"\b(CONCURRENTLY|VACUUM)\b", re.IGNORECASE)


def sort_key(version):
    return [int(p) for p in version.split(".")]


def revisions(folder):
    found = []
    for name in os.listdir(folder):
        m = re.match(r"^V([0-9_]+)__(.*)\.sql$", name)
        if m:
            version = m.group(1).replace("_", ".")
            undo = os.path.join(folder, "U" + name[1:])
            found.append({"version": version, "script": name, "up": os.path.join(folder, name),
                          "down": undo if os.path.exists(undo) else None})
    return sorted(found, key=lambda r: sort_key(r["version"]))


def without_comments(sql):
    """The statements' own words: comments, dollar-quoted bodies and string literals left out, as Flyway's parser
    reads a script when it decides whether a statement can run in a transaction."""
    sql = re.sub(r"/\*.*?\*/", "", sql, flags=re.DOTALL)
    sql = re.sub(r"--[^\n]*", "", sql)
    sql = re.sub(r"\$([A-Za-z_]*)\$.*?\$\1\$", "$$", sql, flags=re.DOTALL)
    return re.sub(r"'(?:[^']|'')*'", "''", sql)


class Server:
    def __init__(self, args):
        self.base = ["-h", args.host, "-p", str(args.port), "-U", args.user]
        self.database = args.database

    def admin(self, sql):
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", *self.base, "-d", "postgres", "-c", sql],
                       check=True, capture_output=True, text=True)

    def recreate(self):
        self.admin('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % self.database)
        self.admin('CREATE DATABASE "%s"' % self.database)

    def run(self, path):
        """Runs a script as Flyway would; returns None, or the error."""
        with open(path, encoding="utf-8") as f:
            sql = f.read()
        conf = path + ".conf"
        outside = (os.path.exists(conf) and "executeInTransaction=false" in open(conf).read()) \
            or NON_TRANSACTIONAL.search(without_comments(sql))
        if outside and NON_TRANSACTIONAL.search(without_comments(sql)):
            statements = [s for s in without_comments(sql).split(";") if s.strip()]
            if len(statements) > 1 and not all(NON_TRANSACTIONAL.search(s) for s in statements):
                return "Flyway refuses a migration mixing transactional and non-transactional statements"
        command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", *self.base, "-d", self.database, "-f", path]
        if not outside:
            command.insert(1, "-1")
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
            return (errors[0] if errors else result.stderr.strip())[:300]
        return None

    def dump(self):
        result = subprocess.run(["pg_dump", *self.base, "-d", self.database, "--schema-only"],
                                check=True, capture_output=True, text=True)
        lines = []
        for line in result.stdout.splitlines():
            # \restrict and \unrestrict carry a random key per dump (pg_dump since August 2025).
            if not line.strip() or line.startswith(("--", "SET ", "SELECT pg_catalog.set_config", "\\restrict",
                                                    "\\unrestrict")):
                continue
            lines.append(line)
        return lines


def statements(lines):
    """The dump's statements: a line ending with ';' ends one, unless it is inside a dollar-quoted body."""
    result, current, quote = [], [], None
    for line in lines:
        current.append(line)
        for tag in re.findall(r"\$[A-Za-z_]*\$", line):
            quote = None if quote == tag else quote or tag
        if quote is None and line.rstrip().endswith(";"):
            result.append("\n".join(current).strip())
            current = []
    if current:
        result.append("\n".join(current).strip())
    return [s for s in result if s]


def compare(before, after):
    """None when equal; else the kind of difference and the diff's first lines. The kind is "column order" when the
    differing statements are table definitions with their lines in another order, "layout" when they differ only
    in spaces and line breaks outside string literals (a function's source re-created with other indentation), with
    or without column order, and "schema" otherwise."""
    if before == after:
        return None
    old, new = statements(before), statements(after)
    gone = [s for s in old if s not in new]
    came = [s for s in new if s not in old]

    def loose(statement):
        return sorted(collapse(line).rstrip(",") for line in statement.splitlines() if line.strip())

    def order_only(a, b):
        return a.startswith("CREATE TABLE") and b.startswith("CREATE TABLE") and \
            sorted(line.rstrip().rstrip(",") for line in a.splitlines()) == \
            sorted(line.rstrip().rstrip(",") for line in b.splitlines())

    kinds = set()
    remaining = list(came)
    for statement in gone:
        match = next((c for c in remaining if loose(c) == loose(statement)), None)
        if match is None:
            kinds.add("schema")
            break
        remaining.remove(match)
        kinds.add("column order" if order_only(statement, match) else "layout")
    if remaining or not gone:
        kinds.add("schema")
    kind = "schema" if "schema" in kinds else "column order" if kinds == {"column order"} else "layout"
    diff = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))]
    return {"kind": kind, "diff": diff[:60]}


def collapse(text):
    """Each run of whitespace outside single-quoted literals as one space, none at either end."""
    result, quoted, space = [], False, False
    for c in text.strip():
        if not quoted and c.isspace():
            space = True
            continue
        if space:
            result.append(" ")
            space = False
        if c == "'":
            quoted = not quoted
        result.append(c)
    return "".join(result)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", default=5432, type=int)
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--database")
    args = parser.parse_args(argv[1:])
    args.database = args.database or "gt_" + re.sub(r"\W", "_", os.path.basename(os.path.abspath(args.corpus)))
    server = Server(args)
    server.recreate()
    applied = []
    results = []
    started = time.time()
    current = server.dump()
    for revision in revisions(args.corpus):
        entry = {"version": revision["version"], "script": revision["script"]}
        results.append(entry)
        error = server.run(revision["up"])
        if error:
            entry["up_failed"] = error
            break
        applied.append(revision)
        after_up = server.dump()
        if revision["down"] is None:
            entry["undo_missing"] = True
            current = after_up
            continue
        error = server.run(revision["down"])
        if error:
            entry["undo_failed"] = error
            rebuild(server, applied)
            current = server.dump()
            continue
        entry["down_differs"] = compare(current, server.dump())
        error = server.run(revision["up"])
        if error:
            entry["reup_failed"] = error
            rebuild(server, applied)
            current = server.dump()
            continue
        current = server.dump()
        entry["reup_differs"] = compare(after_up, current)
        for key in ("down_differs", "reup_differs"):
            if entry[key] is None:
                del entry[key]
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"corpus": os.path.basename(os.path.abspath(args.corpus)), "revisions": results,
                   "seconds": round(time.time() - started, 1)}, f, indent=1)
    defects = sum(1 for r in results if set(r) - {"version", "script"})
    print("%d revisions, %d with a difference or failure, in %.0f s" % (len(results), defects,
                                                                         time.time() - started))
    return 0


def rebuild(server, applied):
    server.recreate()
    for revision in applied:
        error = server.run(revision["up"])
        if error:
            raise SystemExit("could not rebuild up to %s: %s" % (revision["script"], error))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
