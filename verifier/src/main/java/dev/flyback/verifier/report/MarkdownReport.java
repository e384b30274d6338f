package dev.flyback.verifier.report;

import java.util.List;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.flyback.verifier.RevisionResult;
import dev.flyback.verifier.StepOutcome;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.Severity;

/**
 * Markdown for a pull-request comment: the verdict, a table of revisions, and the findings in collapsible details.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** Renders the report. */
    public static String render(VerificationResult result, Severity failOn) {
        StringBuilder md = new StringBuilder("## Flyback: ")
                .append(result.passes(failOn) ? "✅ " : "❌ ").append(TextReport.verdict(result, failOn))
                .append("\n\n| Revision | Undo | Changes | Up | Down | Re-up | Findings |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (RevisionResult revision : result.revisions()) {
            md.append("| `").append(revision.revision().displayName()).append("` | ")
                    .append(revision.revision().undo().map(u -> "`" + u.script() + "`").orElse("—")).append(" | ")
                    .append(TextReport.summary(revision.changes())).append(" | ")
                    .append(step(revision, StepOutcome.Step.UP)).append(" | ")
                    .append(step(revision, StepOutcome.Step.DOWN)).append(" | ")
                    .append(step(revision, StepOutcome.Step.REUP)).append(" | ")
                    .append(counts(revision.findings())).append(" |\n");
        }
        List<Finding> findings = result.findingsBySeverity();
        if (!findings.isEmpty()) {
            md.append("\n<details><summary>").append(findings.size()).append(" finding(s)</summary>\n\n```text\n")
                    .append(findings.stream().map(FindingMessages::render).collect(Collectors.joining("\n\n")))
                    .append("\n```\n\n</details>\n");
        }
        if (!result.suppressed().isEmpty()) {
            md.append("\n<details><summary>").append(result.suppressed().size()).append(" suppressed</summary>\n\n");
            result.suppressed().forEach(s -> md.append("- `").append(s.finding().rule()).append("` ")
                    .append(s.finding().migration()).append(": ").append(s.reason()).append('\n'));
            md.append("\n</details>\n");
        }
        md.append(SafetyChecklist.markdown(result));
        return md.toString();
    }

    private static String step(RevisionResult revision, StepOutcome.Step step) {
        return revision.step(step).map(s -> s.status() == StepOutcome.Status.SUCCEEDED ? "✅"
                : s.status() == StepOutcome.Status.FAILED ? "❌" : "—").orElse("—");
    }

    private static String counts(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "none";
        }
        return findings.stream().map(f -> f.severity().displayName() + " `" + f.rule() + "`")
                .collect(Collectors.joining(", "));
    }
}
