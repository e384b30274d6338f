package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.flyback.verifier.Scenarios;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.report.GithubAnnotations;

/**
 * Signal first: reports list errors, then warnings, then information; the console counts information unless asked
 * to list it; pull-request annotations carry warnings and errors only; a suppressed finding is listed as suppressed,
 * with its reason, not dropped.
 */
class SignalFirstTests {

    private String out;

    private int run(String... args) {
        StringWriter text = new StringWriter();
        int exit = FlybackCommand.commandLine().setOut(new PrintWriter(text, true))
                .setErr(new PrintWriter(new StringWriter(), true)).execute(args);
        out = text.toString();
        return exit;
    }

    @Test
    void should_list_errors_then_warnings_and_count_information_unless_asked() {
        then(run("verify", "--locations", "filesystem:src/test/resources/scenarios/data_intent", "--checks",
                "reversibility,reapply,data-loss,indexes")).isEqualTo(0);

        List<String> listed = findingLines(out);
        then(listed).isNotEmpty().allMatch(line -> line.startsWith("warning "));
        then(out).contains("below warning not shown: --show info lists them");

        run("verify", "--locations", "filesystem:src/test/resources/scenarios/data_intent", "--checks",
                "reversibility,reapply,data-loss,indexes", "--show", "info");
        List<String> all = findingLines(out);
        then(all).hasSizeGreaterThan(listed.size());
        int firstInfo = indexOfFirst(all, "info ");
        then(all.subList(0, firstInfo)).allMatch(line -> line.startsWith("warning "));
        then(all.subList(firstInfo, all.size())).allMatch(line -> line.startsWith("info "));
    }

    @Test
    void should_annotate_pull_requests_with_warnings_and_errors_only() {
        VerificationResult result = Scenarios.verify("locks", Check.ONLINE);
        then(result.findings()).anyMatch(f -> f.severity().displayName().equals("info"));

        String annotations = GithubAnnotations.render(result);

        then(annotations.lines()).hasSize((int) result.findings().stream()
                .filter(f -> !f.severity().displayName().equals("info")).count())
                .allMatch(line -> line.startsWith("::warning ") || line.startsWith("::error "));
    }

    @Test
    void should_list_suppressed_findings_with_their_reason_in_text_json_and_sarif(@TempDir Path reports)
            throws Exception {
        then(run("verify", "--locations", "filesystem:src/test/resources/scenarios/suppressed", "--checks",
                "reversibility,reapply", "--format", "json,sarif", "--output", reports.toString())).isEqualTo(0);

        then(out).contains("Suppressed (2):\n  error LEFTOVER_INDEX V2__index_email \"public\".\"users\".\"ix_users_name\": "
                + "the reporting replica keeps using it after a rollback\n");
        JsonNode json = new ObjectMapper().readTree(reports.resolve("flyback-report.json").toFile());
        then(json.get("findings")).isEmpty();
        then(json.get("suppressed").get(0).get("rule").asText()).isEqualTo("LEFTOVER_INDEX");
        then(json.get("suppressed").get(0).get("reason").asText())
                .isEqualTo("the reporting replica keeps using it after a rollback");
        JsonNode result = new ObjectMapper().readTree(reports.resolve("flyback-report.sarif").toFile())
                .get("runs").get(0).get("results").get(0);
        then(result.get("ruleId").asText()).isEqualTo("LEFTOVER_INDEX");
        then(result.get("suppressions").get(0).get("kind").asText()).isEqualTo("inSource");
        then(result.get("suppressions").get(0).get("justification").asText())
                .isEqualTo("the reporting replica keeps using it after a rollback");
    }

    private static List<String> findingLines(String text) {
        List<String> lines = new ArrayList<>();
        text.lines().filter(l -> l.matches("^(error|warning|info) [A-Z_]+ .*")).forEach(lines::add);
        return lines;
    }

    private static int indexOfFirst(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return lines.size();
    }
}
