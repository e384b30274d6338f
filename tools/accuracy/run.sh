#!/usr/bin/env bash
# Runs Flyback on converted corpora and scores it against their ground truth.
#
# Usage: tools/accuracy/run.sh CORPORA_DIR FLYBACK_JAR OUT_DIR [corpus ...]
#
# CORPORA_DIR holds, per corpus, the V/U folder <corpus>/ (convert.py) and truth-<corpus>.json (ground_truth.py).
# Flyback runs on the server the ground truth used (FLYBACK_URL, default jdbc:postgresql://localhost:55432/postgres,
# user FLYBACK_USER, default postgres), in a scratch database of its own, with every check and its defaults, and
# Flyway's placeholder replacement off (the projects' SQL was not written for Flyway). Writes OUT_DIR/<corpus>.json
# (the report), OUT_DIR/<corpus>.txt (the console) and OUT_DIR/score.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpora=$1 jar=$2 out=$3
shift 3
[ $# -gt 0 ] || set -- $(cd "$corpora" && ls truth-*.json | sed 's/^truth-//; s/\.json$//')
mkdir -p "$out"
runs=()
for corpus in "$@"; do
    work=$(mktemp -d)
    java -jar "$jar" verify --locations "filesystem:$corpora/$corpus" \
        --url "${FLYBACK_URL:-jdbc:postgresql://localhost:55432/postgres}" --user "${FLYBACK_USER:-postgres}" \
        -Dflyway.placeholderReplacement=false --format json --output "$work" >"$out/$corpus.txt" 2>&1 || true
    mv "$work/flyback-report.json" "$out/$corpus.json"
    rm -rf "$work"
    runs+=("$corpus:$corpora/truth-$corpus.json:$out/$corpus.json")
done
python3 "$here/score.py" --classes "$here/classes.tsv" --markdown "$out/score.md" "${runs[@]}"
