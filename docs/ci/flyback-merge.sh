#!/usr/bin/env bash
# The last job of a CI matrix: joins the shards' JSON reports (`flyback merge-reports`) into the result one run over
# the whole history gives, writes SARIF (one run, for code scanning), JUnit XML and Markdown into FLYBACK_OUTPUT
# (default: flyback-reports), appends the Markdown to the job summary when the CI system offers one
# (GITHUB_STEP_SUMMARY), and exits with merge-reports' code (0 passed, 1 findings, 2 a report missing or wrong).
#
#   flyback-merge.sh flyback-shard-*/flyback-report.json [merge-reports options, e.g. --fail-on warning]
#
#   FLYBACK_COMMAND  how to run Flyback (default: java -jar flyback.jar)
#   FLYBACK_OUTPUT   where the reports go (default: flyback-reports)
#
# github-actions-sharded.yml beside this file calls it; FlybackGateScriptTests runs it the same way.
set -uo pipefail
output="${FLYBACK_OUTPUT:-flyback-reports}"
read -r -a flyback <<< "${FLYBACK_COMMAND:-java -jar flyback.jar}"
"${flyback[@]}" merge-reports --format sarif,junit,markdown,json --output "$output" "$@"
status=$?
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$output/flyback-report.md" ]; then
    cat "$output/flyback-report.md" >> "$GITHUB_STEP_SUMMARY"
fi
exit "$status"
