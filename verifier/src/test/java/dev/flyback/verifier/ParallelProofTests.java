package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.report.HtmlReport;
import dev.flyback.verifier.report.JsonReport;
import dev.flyback.verifier.report.JunitXmlReport;
import dev.flyback.verifier.report.MarkdownReport;
import dev.flyback.verifier.report.SarifReport;
import dev.flyback.verifier.report.TextReport;

/**
 * {@code --jobs}: a history proved on several databases at once gives the reports one database gives, byte for byte
 * once timings and database names are left out (issue 18); over a long history with rows in {@link ShardTests}.
 */
class ParallelProofTests {

    @Test
    void should_report_byte_for_byte_what_one_database_reports_over_the_golden_scenarios() throws IOException {
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> all = Files.list(Path.of("src", "test", "resources", "scenarios"))) {
            for (Path folder : all.sorted().toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    if (files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count() >= 3) {
                        folders.add(folder);
                    }
                }
            }
        }
        // Two scenarios at a time: each run is mostly waiting on its own database.
        java.util.Map<Path, List<String>> compared = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(2);
        try {
            pool.submit(() -> folders.parallelStream().forEach(folder -> compared.put(folder,
                    List.of(reports(folder, 1), reports(folder, 2))))).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        then(folders).hasSizeGreaterThan(10);
        for (Path folder : folders) {
            then(compared.get(folder).get(1)).as(folder.getFileName().toString())
                    .isEqualTo(compared.get(folder).get(0));
        }
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
                + TextReport.render(result, Severity.ERROR, Severity.INFO) + HtmlReport.render(result, Severity.ERROR);
        return all.replaceAll("\"durationMillis\" : \\d+", "\"durationMillis\" : 0")
                .replaceAll("time=\"[0-9.]+\"", "time=\"0\"").replaceAll("\\(\\d+ ms\\)", "(0 ms)")
                .replaceAll("flyback_[0-9a-f]+", "flyback_x").replaceAll("\\d+(\\.\\d+)? s\\b", "0 s");
    }
}
