#!/usr/bin/env bash
# Measures `flyback undo --all` on converted corpora (tools/accuracy/convert.py): their undo scripts are thrown away,
# Flyback writes one for every revision and proves them (up, undo, up again), and the outcome is scored against the
# ground truth (tools/accuracy/ground_truth.py): of the revisions whose original down was reversible by pg_dump's
# measure, how many got an undo that passes.
#
# Usage: tools/undo/run.sh CORPORA_DIR FLYBACK_JAR OUT_DIR [corpus ...]
# Writes OUT_DIR/<corpus>.txt (the console) and OUT_DIR/score.md. The corpora's SQL stays in CORPORA_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpora=$1 jar=$2 out=$3
shift 3
[ $# -gt 0 ] || set -- $(cd "$corpora" && ls truth-*.json | sed 's/^truth-//; s/\.json$//')
mkdir -p "$out"
runs=()
for corpus in "$@"; do
    work=$(mktemp -d)
    cp "$corpora/$corpus"/V* "$work"/
    java -jar "$jar" undo --all --locations "filesystem:$work" -Dflyway.placeholderReplacement=false \
        >"$out/$corpus.txt" 2>&1 || true
    rm -rf "$work"
    runs+=("$corpus:$corpora/truth-$corpus.json:$out/$corpus.txt")
done
python3 "$here/score.py" --markdown "$out/score.md" "${runs[@]}"
