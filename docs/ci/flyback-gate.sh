#!/usr/bin/env bash
# Flyback as a CI gate: runs `flyback verify` with the arguments given, writes SARIF (for code scanning), JUnit XML
# and Markdown into FLYBACK_OUTPUT (default: flyback-reports), appends the Markdown to the job summary when the CI
# system offers one (GITHUB_STEP_SUMMARY), and exits with verify's code (0 passed, 1 findings, 2 usage, 3 database).
#
#   FLYBACK_COMMAND  how to run Flyback (default: java -jar flyback.jar)
#   FLYBACK_OUTPUT   where the reports go (default: flyback-reports)
#
# github-actions.yml beside this file calls it; FlybackGateScriptTests runs it the same way.
set -uo pipefail
output="${FLYBACK_OUTPUT:-flyback-reports}"
read -r -a flyback <<< "${FLYBACK_COMMAND:-java -jar flyback.jar}"
"${flyback[@]}" verify --format sarif,junit,markdown --output "$output" "$@"
status=$?
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$output/flyback-report.md" ]; then
    cat "$output/flyback-report.md" >> "$GITHUB_STEP_SUMMARY"
fi
exit "$status"
