#!/usr/bin/env bash
# Measures `flyback undo` on the golden scenarios: each scenario's U scripts are thrown away, an undo is written and
# proven for each revision, one line per revision: "<scenario> <version> PROVEN|NOT_PROVEN|ERROR <first findings>".
#
# Usage: tools/undo/scenarios.sh FLYBACK_JAR OUT_DIR   (run from the repository's root)
set -uo pipefail
jar=$1 out=$2
rm -rf "$out"; mkdir -p "$out"
for scenario in verifier/src/test/resources/scenarios/*/; do
    name=$(basename "$scenario") work="$out/$name"
    mkdir -p "$work"
    cp "$scenario"/V*.sql "$work"/ 2>/dev/null || continue
    for version in $(ls "$work" | grep '^V' | sed -E 's/^V([^_]+)__.*/\1/' | sort -V); do
        result=$(timeout 120 java -jar "$jar" undo "$version" --locations "filesystem:$work" \
            -Dflyway.placeholders.greeting=hello 2>&1)
        if grep -q "^Proven" <<<"$result"; then status=PROVEN
        elif grep -q "Not proven" <<<"$result"; then status=NOT_PROVEN
        else status=ERROR; fi
        echo "$name $version $status $(grep -E '^(error|warning) |^flyback:' <<<"$result" | head -2 | tr '\n' ' ' \
            | cut -c1-300)" >>"$out/results.txt"
    done
done
awk '{print $3}' "$out/results.txt" | sort | uniq -c
