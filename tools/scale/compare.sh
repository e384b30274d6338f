#!/usr/bin/env bash
# Proves real histories three ways and compares what they report (issue 18): on one database (--jobs 1), on JOBS
# databases at once (--jobs JOBS), and in SHARDS shards joined by merge-reports. Each corpus is a V/U folder
# (tools/accuracy/convert.py); the embedded PostgreSQL is used. Writes OUT_DIR/<corpus>-{one,jobs,merged}.json and
# OUT_DIR/compare.md: per corpus whether the three reports are the same once timings are left out, and the times.
#
# Usage: tools/scale/compare.sh CORPORA_DIR FLYBACK_JAR OUT_DIR [corpus ...]   (JOBS=2 SHARDS=3 by default;
#        FLYBACK_OPTIONS adds verify options to every run, e.g. "--checks reversibility,reapply")
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpora=$1 jar=$2 out=$3
shift 3
[ $# -gt 0 ] || set -- $(cd "$corpora" && ls truth-*.json | sed 's/^truth-//; s/\.json$//')
jobs=${JOBS:-2} shards=${SHARDS:-3}
mkdir -p "$out"
now() { date +%s%N; }
verify() { # name, then verify's options; the report goes to $out/$name.json, the console to $out/$name.txt
    local name=$1 work
    shift
    work=$(mktemp -d)
    # shellcheck disable=SC2086
    java -jar "$jar" verify -Dflyway.placeholderReplacement=false --format json --output "$work" "$@" \
        ${FLYBACK_OPTIONS:-} \
        >"$out/$name.txt" 2>&1 || true
    mv "$work/flyback-report.json" "$out/$name.json"
    rm -rf "$work"
}
times=()
for corpus in "$@"; do
    locations="filesystem:$corpora/$corpus"
    start=$(now); verify "$corpus-one" --locations "$locations" --jobs 1; one=$(( ($(now) - start) / 1000000 ))
    start=$(now); verify "$corpus-jobs" --locations "$locations" --jobs "$jobs"; parallel=$(( ($(now) - start) / 1000000 ))
    slowest=0 parts=()
    for index in $(seq 1 "$shards"); do
        start=$(now); verify "$corpus-shard-$index" --locations "$locations" --jobs 1 --shard "$index/$shards"
        took=$(( ($(now) - start) / 1000000 ))
        [ "$took" -gt "$slowest" ] && slowest=$took
        parts+=("$out/$corpus-shard-$index.json")
    done
    work=$(mktemp -d)
    java -jar "$jar" merge-reports --format json --output "$work" "${parts[@]}" >"$out/$corpus-merged.txt" 2>&1 || true
    mv "$work/flyback-report.json" "$out/$corpus-merged.json"
    rm -rf "$work"
    times+=("$corpus:$one:$parallel:$slowest")
done
python3 "$here/compare.py" "$out" "$jobs" "$shards" "${times[@]}" | tee "$out/compare.md"
