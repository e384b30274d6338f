package dev.flyback.verifier.report;

import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.flyback.verifier.VerificationResult;

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

    /** One annotation line per finding. */
    public static String render(VerificationResult result) {
        return result.findings().stream().map(finding -> {
            StringBuilder line = new StringBuilder("::").append(ReportFacts.level(finding.severity()).equals("note")
                    ? "notice" : ReportFacts.level(finding.severity()));
            String properties = ReportFacts.relativePath(result, finding)
                    .map(path -> " file=" + property(path) + finding.line().map(l -> ",line=" + l).orElse("")
                            + ",title=" + property(finding.rule()))
                    .orElse(" title=" + property(finding.rule()));
            return line.append(properties).append("::").append(data(finding.migration() + ": " + finding.summary()))
                    .toString();
        }).collect(Collectors.joining("\n", "", result.findings().isEmpty() ? "" : "\n"));
    }

    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
