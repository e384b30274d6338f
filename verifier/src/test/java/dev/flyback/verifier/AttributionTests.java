package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.migration.FlywaySettings;

/**
 * A failure names the revision, file and line where it happened, whichever way the step ran: one paused Flyway run
 * applies up to 50 revisions, and Flyway prepares a migration (parses it, decides its transaction) before it pauses
 * there, so a failure of revision n must not be blamed on revision n - 1 that was just let go.
 */
class AttributionTests {
    @TempDir
    Path folder;

    /**
     * Revisions 1, 25, 50 and 51: the first of a window, its middle, its last, and the first of the next; a syntax
     * error fails while the migration runs, a missing placeholder while Flyway prepares it, before it pauses there.
     */
    @ParameterizedTest(name = "{1} in V{0}")
    @CsvSource({"1, placeholder", "25, placeholder", "50, placeholder", "51, placeholder", "1, syntax",
            "25, syntax", "50, syntax", "51, syntax"})
    void should_name_the_revision_whose_up_fails_wherever_it_is_in_a_paced_run(int broken, String error)
            throws IOException {
        String wrong = error.equals("syntax") ? "CREATE TABEL oops (id int)" : "CREATE TABLE ${missing} (id int)";
        history(52, broken, "CREATE TABLE t_%d (id int PRIMARY KEY);\n" + wrong + ";\n");

        VerificationResult result = Scenarios.verify(VerifierConfig.builder()
                .flyway(FlywaySettings.of("filesystem:" + folder)).checks(EnumSet.allOf(Check.class)));

        then(result.findingsAtLeast(Severity.ERROR)).singleElement().satisfies(finding -> {
            then(finding.rule()).isEqualTo("UP_FAILED");
            then(finding.migration()).isEqualTo("V" + broken + "__step_" + broken);
            then(finding.file()).contains("V" + broken + "__step_" + broken + ".sql");
            then(finding.line()).contains(2);
            then(finding.actual()).contains(wrong);
        });
        then(result.revisions()).hasSize(broken);
        then(result.revisions().subList(0, broken - 1)).allSatisfy(r -> then(r.applied()).isTrue());
    }

    /**
     * The template {@code flyback new} used to write: a {@code SET lock_timeout} line, then a CONCURRENTLY
     * statement. Flyway refuses the mix while preparing V4, after V3 committed.
     */
    @ParameterizedTest(name = "seed rows {0}")
    @ValueSource(ints = {0, 10})
    void should_blame_a_set_prefixed_concurrently_script_not_the_revision_before_it(int seedRows) throws IOException {
        history(5, 4, "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY ix_t_3 ON t_3 (id);\n");

        VerificationResult result = Scenarios.verify(VerifierConfig.builder()
                .flyway(FlywaySettings.of("filesystem:" + folder)).checks(EnumSet.allOf(Check.class))
                .seedRows(seedRows));

        List<Finding> errors = result.findingsAtLeast(Severity.ERROR);
        then(errors).extracting(Finding::rule, Finding::migration, Finding::line).containsExactly(
                org.assertj.core.api.Assertions.tuple("CONCURRENTLY_IN_TRANSACTION", "V4__step_4", Optional.of(2)));
        then(result.revisions().get(2).applied()).isTrue();
        then(result.revisions().get(2).findings()).noneMatch(f -> f.severity() == Severity.ERROR);
        then(errors.get(0).fix()).hasValueSatisfying(fix -> then(fix).contains("line 1"));
    }

    /** Revisions 1 to {@code count}, each creating t_n and its undo dropping it; {@code broken} runs {@code sql}. */
    private void history(int count, int broken, String sql) throws IOException {
        for (int n = 1; n <= count; n++) {
            Files.writeString(folder.resolve("V" + n + "__step_" + n + ".sql"), n == broken ? sql.formatted(n)
                    : "CREATE TABLE t_" + n + " (id int PRIMARY KEY);\n");
            Files.writeString(folder.resolve("U" + n + "__step_" + n + ".sql"), n == broken && !sql.contains("%d")
                    ? "DROP INDEX ix_t_3;\n" : "DROP TABLE t_" + n + ";\n");
        }
    }
}
