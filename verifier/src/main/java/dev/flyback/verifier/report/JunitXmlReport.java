package dev.flyback.verifier.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.flyback.verifier.RevisionResult;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.RuleTable;
import dev.flyback.verifier.finding.Severity;

/**
 * JUnit XML (the Ant/Surefire format every CI renders): one test case per revision and check, failing with the
 * rendered findings at or above {@code --fail-on}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JunitXmlReport {

    private JunitXmlReport() {
    }

    /** Renders the report. */
    public static String render(VerificationResult result, Severity failOn) {
        List<String> cases = new ArrayList<>();
        int failures = 0;
        List<Finding> history = ReportFacts.historyFindings(result);
        failures += addCase(cases, "migration history", "history", history, failOn, 0);
        for (RevisionResult revision : result.revisions()) {
            for (Check check : result.checks()) {
                List<Finding> findings = ReportFacts.findings(result, revision, check);
                double seconds = revision.steps().stream().mapToLong(s -> s.duration().toMillis()).sum() / 1000.0;
                failures += addCase(cases, revision.revision().displayName(), check.id(), findings, failOn,
                        check == Check.REVERSIBILITY ? seconds : 0);
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"flyback\" tests=\"" + cases.size() + "\" failures=\"" + failures + "\">\n"
                + "  <testsuite name=\"flyback\" tests=\"" + cases.size() + "\" failures=\"" + failures
                + "\" errors=\"0\" skipped=\"0\" time=\"" + seconds(result.duration().toMillis() / 1000.0) + "\">\n"
                + String.join("", cases) + "  </testsuite>\n</testsuites>\n";
    }

    private static int addCase(List<String> cases, String className, String name, List<Finding> findings,
                               Severity failOn, double seconds) {
        List<Finding> failing = findings.stream().filter(f -> f.severity().isAtLeast(failOn)).toList();
        StringBuilder xml = new StringBuilder("    <testcase classname=\"").append(escape(className))
                .append("\" name=\"").append(escape(className + ": " + name)).append("\" time=\"")
                .append(seconds(seconds)).append("\"");
        if (failing.isEmpty() && findings.isEmpty()) {
            cases.add(xml.append("/>\n").toString());
            return 0;
        }
        xml.append(">\n");
        if (!failing.isEmpty()) {
            xml.append("      <failure message=\"").append(escape(failing.get(0).summary())).append("\" type=\"")
                    .append(escape(failing.get(0).rule())).append("\">")
                    .append(escape(failing.stream().map(FindingMessages::render).collect(Collectors.joining("\n\n"))
                            + rules(failing)))
                    .append("</failure>\n");
        }
        List<Finding> below = findings.stream().filter(f -> !failing.contains(f)).toList();
        if (!below.isEmpty()) {
            xml.append("      <system-out>").append(escape(below.stream().map(FindingMessages::render)
                    .collect(Collectors.joining("\n\n")))).append("</system-out>\n");
        }
        cases.add(xml.append("    </testcase>\n").toString());
        return failing.isEmpty() ? 0 : 1;
    }

    /** What each failing rule catches, from the registry (FindingType), once per rule. */
    private static String rules(List<Finding> failing) {
        return "\n\nRules:\n" + failing.stream().map(Finding::type).distinct()
                .map(type -> "  " + type.name() + ": " + RuleTable.plain(type.description()))
                .collect(Collectors.joining("\n"));
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<': escaped.append("&lt;"); break;
                case '>': escaped.append("&gt;"); break;
                case '&': escaped.append("&amp;"); break;
                case '"': escaped.append("&quot;"); break;
                default:
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        escaped.append('?');
                    } else {
                        escaped.append(c);
                    }
            }
        }
        return escaped.toString();
    }
}
