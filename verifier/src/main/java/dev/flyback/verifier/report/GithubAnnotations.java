package dev.flyback.verifier.report;

import java.util.List;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.Severity;

/**
 * GitHub Actions workflow commands ({@code ::error file=..,line=..::message}), printed when
 * {@code GITHUB_ACTIONS=true} so the findings show on the pull request's diff.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GithubAnnotations {

    private GithubAnnotations() {
    }

    /**
     * One annotation line per error and warning, errors first: information is left to the reports, since a pull
     * request's diff should carry only what asks for action.
     */
    public static String render(VerificationResult result) {
        List<Finding> findings = result.findingsBySeverity().stream()
                .filter(f -> f.severity().isAtLeast(Severity.WARNING)).toList();
        return findings.stream().map(finding -> {
            StringBuilder line = new StringBuilder("::").append(ReportFacts.level(finding.severity()).equals("note")
                    ? "notice" : ReportFacts.level(finding.severity()));
            String properties = ReportFacts.relativePath(result, finding)
                    .map(path -> " file=" + property(path) + finding.line().map(l -> ",line=" + l).orElse("")
                            + ",title=" + property(finding.rule()))
                    .orElse(" title=" + property(finding.rule()));
            return line.append(properties).append("::").append(data(finding.migration() + ": " + finding.summary()))
                    .toString();
        }).collect(Collectors.joining("\n", "", findings.isEmpty() ? "" : "\n"));
    }

    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
