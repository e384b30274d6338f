package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.internal.bench.SyntheticHistory;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.report.JsonReport;
import dev.flyback.verifier.report.JunitXmlReport;
import dev.flyback.verifier.report.MarkdownReport;
import dev.flyback.verifier.report.SarifReport;
import dev.flyback.verifier.report.TextReport;

/**
 * {@code --jobs}: a history proved on several databases at once gives the reports one database gives, byte for byte
 * once timings and database names are left out (issue 18).
 */
class ParallelProofTests {

    @Test
    void should_report_byte_for_byte_what_one_database_reports_over_the_golden_scenarios() throws IOException {
        List<String> compared = new ArrayList<>();
        try (Stream<Path> folders = Files.list(Path.of("src", "test", "resources", "scenarios"))) {
            for (Path folder : folders.sorted().toList()) {
                long revisions;
                try (Stream<Path> files = Files.list(folder)) {
                    revisions = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
                }
                if (revisions < 3) {
                    continue;
                }
                String one = reports(folder, 1);
                then(reports(folder, 3)).as(folder.getFileName().toString()).isEqualTo(one);
                compared.add(folder.getFileName().toString());
            }
        }
        then(compared).hasSizeGreaterThan(10);
    }

    @Test
    void should_report_byte_for_byte_what_one_database_reports_over_a_long_history_with_rows(@TempDir Path folder)
            throws IOException {
        SyntheticHistory.write(folder, 120, 50);

        String one = reports(folder, 1);

        then(one).contains("V120__");
        then(reports(folder, 2)).isEqualTo(one);
        then(reports(folder, 4)).isEqualTo(one);
    }

    /** Every report of a run, timings and the database's name left out. */
    private static String reports(Path folder, int jobs) {
        VerificationResult result;
        try {
            result = Scenarios.verify(VerifierConfig.builder().flyway(FlywaySettings.of("filesystem:" + folder))
                    .jobs(jobs));
        } catch (RuntimeException e) {
            return "failed: " + e.getMessage();
        }
        String all = JsonReport.render(result) + SarifReport.render(result, "test")
                + JunitXmlReport.render(result, Severity.ERROR) + MarkdownReport.render(result, Severity.ERROR)
                + TextReport.render(result, Severity.ERROR, Severity.INFO);
        return all.replaceAll("\"durationMillis\" : \\d+", "\"durationMillis\" : 0")
                .replaceAll("time=\"[0-9.]+\"", "time=\"0\"").replaceAll("\\(\\d+ ms\\)", "(0 ms)")
                .replaceAll("flyback_[0-9a-f]+", "flyback_x").replaceAll("\\d+(\\.\\d+)? s\\b", "0 s");
    }
}
