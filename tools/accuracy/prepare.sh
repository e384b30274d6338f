#!/usr/bin/env bash
# Extracts each corpus of corpora.tsv from a git mirror of its repository (at the commit listed) and converts it to a
# V/U folder. The SQL stays in CORPORA_DIR, outside this repository: its licence is its project's.
#
# Usage: tools/accuracy/prepare.sh MIRRORS_DIR CORPORA_DIR [corpus ...]
#
# MIRRORS_DIR holds one git directory per repository, named <owner>+<name>/repo (as the search tool's fetch makes
# them); any git clone works if placed there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mirrors=$1 corpora=$2
shift 2
mkdir -p "$corpora/src"
while IFS=$'\t' read -r name repository commit path layout extra; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    [[ $# -gt 0 && " $* " != *" $name "* ]] && continue
    git="$mirrors/${repository/\//+}/repo"
    rm -rf "${corpora:?}/src/$name" && mkdir -p "$corpora/src/$name"
    for part in "$path" ${extra:+"$extra"}; do
        depth=$(awk -F/ '{print NF}' <<<"$part")
        git -C "$git" archive "$commit" "$part" | tar -x -C "$corpora/src/$name" --strip-components="$depth"
    done
    python3 "$here/convert.py" "$layout" "$corpora/src/$name" "$corpora/$name"
done < "$here/corpora.tsv"
