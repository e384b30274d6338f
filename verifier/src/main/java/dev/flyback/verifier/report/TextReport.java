package dev.flyback.verifier.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.flyback.verifier.RevisionResult;
import dev.flyback.verifier.StepOutcome;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.Severity;

/**
 * The human report: per revision the file, what it changed, whether each step worked; then the findings with
 * their fixes; then a one-line verdict.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TextReport {

    private TextReport() {
    }

    /** Renders the report with every finding; {@code failOn} decides the verdict. */
    public static String render(VerificationResult result, Severity failOn) {
        return render(result, failOn, Severity.INFO);
    }

    /**
     * Renders the report; {@code failOn} decides the verdict. Findings are listed errors first, then warnings, then
     * information, down to {@code shown}; those below it are only counted, so that the signal comes first.
     * Suppressed findings are listed last, each with its reason.
     */
    public static String render(VerificationResult result, Severity failOn, Severity shown) {
        StringBuilder text = new StringBuilder();
        text.append("Flyback verified ").append(result.revisions().size()).append(" revision(s) on ")
                .append(result.database()).append("\n\n");
        for (RevisionResult revision : result.revisions()) {
            text.append(revisionSection(revision)).append('\n');
        }
        text.append("Current database version: ").append(result.currentVersion().orElse("<none>")).append("\n\n");
        List<Finding> findings = result.findingsBySeverity();
        List<Finding> listed = findings.stream().filter(f -> f.severity().isAtLeast(shown)).toList();
        if (!findings.isEmpty()) {
            text.append("Findings (").append(findings.size()).append(listed.size() < findings.size()
                    ? ", " + (findings.size() - listed.size()) + " below " + shown.displayName() + " not shown: "
                    + "--show info lists them" : "").append("):\n\n");
            for (Finding finding : listed) {
                text.append(FindingMessages.render(finding)).append("\n\n");
            }
        }
        if (!result.suppressed().isEmpty()) {
            text.append("Suppressed (").append(result.suppressed().size()).append("):\n");
            result.suppressed().forEach(s -> text.append("  ").append(s.finding().severity().displayName())
                    .append(' ').append(s.finding().rule()).append(' ').append(s.finding().migration())
                    .append(s.finding().object().map(o -> " " + o).orElse("")).append(": ").append(s.reason())
                    .append('\n'));
            text.append('\n');
        }
        text.append(SafetyChecklist.text(result)).append('\n');
        text.append(verdict(result, failOn)).append('\n');
        return text.toString();
    }

    /** The last line: PASSED or FAILED with counts per severity. */
    public static String verdict(VerificationResult result, Severity failOn) {
        Map<Severity, Long> counts = result.findings().stream()
                .collect(Collectors.groupingBy(Finding::severity, () -> new TreeMap<>(), Collectors.counting()));
        String tally = counts.getOrDefault(Severity.ERROR, 0L) + " error(s), "
                + counts.getOrDefault(Severity.WARNING, 0L) + " warning(s), "
                + counts.getOrDefault(Severity.INFO, 0L) + " info";
        return (result.passes(failOn) ? "PASSED" : "FAILED") + ": " + result.revisions().size() + " revision(s), "
                + tally + " (fail on " + failOn.displayName() + ")";
    }

    private static String revisionSection(RevisionResult result) {
        StringBuilder text = new StringBuilder();
        text.append(result.revision().displayName()).append('\n');
        text.append("  migration file : ").append(result.revision().script()).append('\n');
        text.append("  undo           : ").append(result.revision().undoDisplayName()).append('\n');
        text.append("  changes        : ").append(summary(result.changes())).append('\n');
        text.append("  applied        : ").append(result.applied() ? "yes" : "no").append('\n');
        text.append("  steps          : ").append(result.steps().stream().map(TextReport::step)
                .collect(Collectors.joining(", "))).append('\n');
        text.append("  findings       : ").append(counts(result.findings())).append('\n');
        return text.toString();
    }

    /** "none", or "1 error, 2 info". */
    static String counts(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "none";
        }
        Map<Severity, Long> bySeverity = findings.stream().collect(Collectors.groupingBy(Finding::severity,
                () -> new TreeMap<>(java.util.Comparator.reverseOrder()), Collectors.counting()));
        return bySeverity.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().displayName())
                .collect(Collectors.joining(", "));
    }

    private static String step(StepOutcome outcome) {
        return outcome.step().displayName() + " " + outcome.status().displayName();
    }

    /** "+1 table, +2 columns, ~1 column, -1 index". */
    static String summary(List<SchemaDifference> changes) {
        if (changes.isEmpty()) {
            return "no schema change";
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (SchemaDifference change : changes) {
            String sign = change instanceof SchemaDifference.Added ? "+"
                    : change instanceof SchemaDifference.Removed ? "-" : "~";
            counts.merge(sign + " " + change.subject().type().displayName(), 1, Integer::sum);
        }
        return counts.entrySet().stream().map(e -> e.getKey().charAt(0) + String.valueOf(e.getValue()) + " "
                + e.getKey().substring(2)).collect(Collectors.joining(", "));
    }
}
