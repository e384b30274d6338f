#!/usr/bin/env bash
# One job of a CI matrix: proves shard I of N of the history (`flyback verify --shard I/N`) and writes its JSON report
# into FLYBACK_OUTPUT (default: flyback-shard-I) for flyback-merge.sh to join with the others. A shard's findings are
# only part of the answer, so it exits 0 when it ran, whatever it found; 2 (usage) or 3 (database) when it could not.
#
#   flyback-shard.sh I N [verify's options, e.g. --locations filesystem:db/migration]
#
#   FLYBACK_COMMAND  how to run Flyback (default: java -jar flyback.jar)
#   FLYBACK_OUTPUT   where the report goes (default: flyback-shard-I)
#
# github-actions-sharded.yml beside this file calls it; FlybackGateScriptTests runs it the same way.
set -uo pipefail
if [ "$#" -lt 2 ]; then
    echo "usage: flyback-shard.sh I N [flyback verify options]" >&2
    exit 2
fi
index="$1"
count="$2"
shift 2
output="${FLYBACK_OUTPUT:-flyback-shard-$index}"
read -r -a flyback <<< "${FLYBACK_COMMAND:-java -jar flyback.jar}"
"${flyback[@]}" verify --shard "$index/$count" --format json --output "$output" "$@"
status=$?
if [ "$status" -eq 1 ]; then
    status=0
fi
exit "$status"
