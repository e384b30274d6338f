#!/usr/bin/env python3
"""Converts a public project's PostgreSQL up/down migrations into a Flyway folder of V<n>__*.sql and U<n>__*.sql.

Usage: convert.py LAYOUT SOURCE_DIR OUT_DIR

LAYOUT is one of
  popx            Ory's popx (Kratos, Hydra, Keto): <version>_<name>[.<dialect>][.autocommit].(up|down).sql; the
                  postgres file of a version wins over the generic one, empty files are no-ops, .autocommit. files
                  run outside a transaction (a <script>.conf with executeInTransaction=false), and the parts of one
                  migration (same 14-digit timestamp) become one revision (see popx() for why).
  golang-migrate  <version>_<name>.(up|down).sql, and Authelia's V<version>.<Name>.(up|down).sql.
  diesel          <version>_<name>/up.sql and down.sql (vaultwarden's migrations/postgresql, Lemmy, crates.io), a
                  metadata.toml with run_in_transaction = false running outside a transaction.
  goose           <version>_<name>.sql with "-- +goose Up" and "-- +goose Down" sections (StatementBegin/End and
                  NO TRANSACTION annotations honoured).

Versions keep their order: a version's digits become a Flyway version (2019-09-12-100000 becomes 2019.09.12.100000).
A missing down becomes an empty U script, which is what those tools run for it: nothing.
The SQL stays outside this repository (its licence is its project's); only this converter is ours.
"""
import os
import re
import sys


def slug(name):
    text = re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").lower()
    return text or "migration"


def flyway_version(raw):
    parts = [p for p in re.split(r"[^0-9]+", raw) if p]
    if not parts:
        raise ValueError("no digits in version " + raw)
    return ".".join(str(int(p)) if len(parts) > 1 else p.lstrip("0") or "0" for p in parts)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def is_empty(sql):
    without_comments = re.sub(r"--[^\n]*", "", sql)
    return not without_comments.strip()


def popx(source):
    pattern = re.compile(r"^(\d+)_([^.]+)(\.[a-z0-9]+)?(\.autocommit)?\.(up|down)\.sql$")
    chosen = {}
    for name in os.listdir(source):
        m = pattern.match(name)
        if not m:
            continue
        version, desc, dialect, autocommit, direction = m.groups()
        if dialect == ".autocommit":
            dialect, autocommit = None, ".autocommit"
        dialect = (dialect or "").lstrip(".")
        if dialect not in ("", "postgres"):
            continue
        rank = 1 if dialect == "postgres" else 0
        key = (version, direction)
        if key not in chosen or rank > chosen[key][0]:
            chosen[key] = (rank, desc, os.path.join(source, name), bool(autocommit))
    # Ory numbers a migration <14-digit timestamp><6-digit part>: fizz split each migration into one file per
    # statement, and the parts' up and down files do not pair (part 1's down drops what part 0's up created; popx
    # runs them all in reverse when rolling back). The unit that can be undone is the migration: its parts' ups in
    # order, their downs in reverse. A migration mixing autocommit and transactional parts is split where the mode
    # changes, since Flyway runs a script either in a transaction or outside one.
    groups = {}
    for (version, direction) in chosen:
        groups.setdefault(version[:14], set()).add(version)
    revisions = []
    for group in sorted(groups):
        parts = sorted(groups[group])
        runs = []
        for version in parts:
            mode = any(chosen[(version, d)][3] for d in ("up", "down") if (version, d) in chosen)
            if runs and runs[-1][0] == mode:
                runs[-1][1].append(version)
            else:
                runs.append((mode, [version]))
        for mode, versions in runs:
            ups = [read(chosen[(v, "up")][2]) for v in versions if (v, "up") in chosen]
            downs = [read(chosen[(v, "down")][2]) for v in reversed(versions) if (v, "down") in chosen]
            up = "\n".join(sql.strip() + ("" if sql.strip().endswith(";") else ";") for sql in ups if not is_empty(sql))
            down = "\n".join(sql.strip() + ("" if sql.strip().endswith(";") else ";") for sql in downs
                              if not is_empty(sql))
            if not up:
                continue  # popx skips a migration with no statement
            desc = chosen.get((versions[0], "up"), chosen.get((versions[0], "down")))[1]
            revisions.append((versions[0], desc, up + "\n", down + "\n", mode, mode))
    return revisions


def golang_migrate(source):
    pattern = re.compile(r"^V?(\d+)[._]([^.]+(?:\.[^.]+)*?)\.(up|down)\.sql$")
    ups, downs = {}, {}
    for name in os.listdir(source):
        m = pattern.match(name)
        if not m:
            continue
        version, desc, direction = m.groups()
        (ups if direction == "up" else downs)[version] = (desc, read(os.path.join(source, name)))
    return [(v, d, sql, downs.get(v, ("", ""))[1], False, False) for v, (d, sql) in ups.items()]


def diesel(source):
    revisions = []
    for name in os.listdir(source):
        folder = os.path.join(source, name)
        m = re.match(r"^([0-9-]+)_(.+)$", name)
        if not m or not os.path.isdir(folder) or not os.path.exists(os.path.join(folder, "up.sql")):
            continue
        down = os.path.join(folder, "down.sql")
        metadata = os.path.join(folder, "metadata.toml")
        no_tx = os.path.exists(metadata) and re.search(r"run_in_transaction\s*=\s*false", read(metadata)) is not None
        # Diesel orders versions as strings of their digits (2017-08-31-230457 is 20170831230457), and some
        # histories mix both spellings and lengths: padded to one length they sort the same as numbers, and the
        # length after a dot keeps 20260527120000 before 202605271200000000, as a string comparison has it.
        digits = re.sub(r"\D", "", m.group(1))
        revisions.append((digits.ljust(20, "0") + "." + str(len(digits)), m.group(2),
                          read(os.path.join(folder, "up.sql")),
                          read(down) if os.path.exists(down) else "", no_tx, no_tx))
    return revisions


def goose(source):
    revisions = []
    for name in os.listdir(source):
        m = re.match(r"^(\d+)_(.+)\.sql$", name)
        if not m:
            continue
        text = read(os.path.join(source, name))
        no_tx = "+goose NO TRANSACTION" in text
        sections = {"up": [], "down": []}
        current = None
        for line in text.splitlines():
            marker = re.match(r"^\s*--\s*\+goose\s+(Up|Down)\b", line, re.IGNORECASE)
            if marker:
                current = marker.group(1).lower()
                continue
            if re.match(r"^\s*--\s*\+goose\s+", line):
                continue
            if current:
                sections[current].append(line)
        revisions.append((m.group(1), m.group(2), "\n".join(sections["up"]) + "\n",
                          "\n".join(sections["down"]) + "\n", no_tx, no_tx))
    return revisions


LAYOUTS = {"popx": popx, "golang-migrate": golang_migrate, "diesel": diesel, "goose": goose}


def sort_key(version):
    return [int(p) for p in re.split(r"[^0-9]+", version) if p]


def write(revisions, out):
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if re.match(r"^[VU]\d.*\.sql(\.conf)?$", name):
            os.remove(os.path.join(out, name))
    seen = set()
    for version, desc, up, down, up_autocommit, down_autocommit in sorted(revisions, key=lambda r: sort_key(r[0])):
        flyway = flyway_version(version)
        if flyway in seen:
            raise ValueError("two migrations have version " + flyway)
        seen.add(flyway)
        base = "%s__%s.sql" % (flyway.replace(".", "_"), slug(desc))
        for prefix, sql, autocommit in (("V", up, up_autocommit), ("U", down, down_autocommit)):
            path = os.path.join(out, prefix + base)
            with open(path, "w", encoding="utf-8") as f:
                f.write(sql if sql.endswith("\n") else sql + "\n")
            if autocommit:
                with open(path + ".conf", "w", encoding="utf-8") as f:
                    f.write("executeInTransaction=false\n")
    return len(seen)


def main(argv):
    if len(argv) != 4 or argv[1] not in LAYOUTS:
        sys.stderr.write(__doc__)
        return 2
    count = write(LAYOUTS[argv[1]](argv[2]), argv[3])
    print("%d revisions written to %s" % (count, argv[3]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
