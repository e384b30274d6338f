package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.MigrationConfigurationException;

/** Bad input and faults: never a hang, never a stack trace for a user mistake, always the file and the step. */
class ReliabilityTests {

    private static VerifierConfig.Builder scenario(String name) {
        return VerifierConfig.builder().flyway(FlywaySettings.of("filesystem:" + Scenarios.folder(name)))
                .checks(EnumSet.of(Check.REVERSIBILITY, Check.REAPPLY));
    }

    /** With two jobs, V2 runs on a database of its own, whose migrations must keep the limit. */
    @org.junit.jupiter.params.ParameterizedTest(name = "--jobs {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void should_cancel_a_statement_that_runs_past_the_statement_timeout_and_stop_there(int jobs) {
        VerificationResult result = Scenarios.verify(scenario("slow_statement").statementTimeout(Duration.ofSeconds(1))
                .jobs(jobs));

        then(result.findings()).extracting(Finding::type).containsExactly(FindingType.TIMED_OUT);
        Finding finding = result.findings().get(0);
        then(finding.summary()).startsWith("V2__slow.sql (up) ran longer than the statement timeout at line 2 and "
                + "was cancelled: ").contains("canceling statement due to statement timeout");
        then(finding.fix()).hasValueSatisfying(fix -> then(fix).contains("raise the limit (--statement-timeout"));
        then(result.revisions()).hasSize(2);
        then(result.revisions().get(1).applied()).isFalse();
    }

    @Test
    void should_cancel_a_revision_that_runs_past_the_revision_timeout_even_when_it_lifts_the_statement_timeout() {
        VerificationResult result = Scenarios.verify(scenario("slow_revision").revisionTimeout(Duration.ofSeconds(1)));

        then(result.findings()).extracting(Finding::type).containsExactly(FindingType.TIMED_OUT);
        then(result.findings().get(0).summary()).startsWith("V2__slow.sql (up) ran longer than the revision timeout "
                + "of 1 s");
    }

    @Test
    void should_stop_waiting_for_a_lock_another_session_holds_when_lock_timeout_runs_out() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh();
             Connection other = database.dataSource().getConnection();
             Statement hold = other.createStatement()) {
            hold.execute("SELECT pg_advisory_lock(42)");

            VerificationResult result = MigrationVerifier.verify(scenario("waits_for_lock").build(), database);

            then(result.findings()).extracting(Finding::type).containsExactly(FindingType.TIMED_OUT);
            then(result.findings().get(0).summary()).startsWith("V2__wait.sql (up) ran longer than lock_timeout, "
                    + "waiting for a lock another session held at line 3");
            then(result.findings().get(0).fix()).hasValueSatisfying(fix -> then(fix).startsWith(
                    "another session held a lock the statement needed"));
        }
    }

    @Test
    void should_prove_empty_scripts_without_fuss() {
        then(Scenarios.verify(scenario("empty_script")).findings()).isEmpty();
    }

    @Test
    void should_name_the_file_and_line_of_a_script_that_is_not_utf8_before_starting_anything(@TempDir Path folder)
            throws Exception {
        Files.writeString(folder.resolve("V1__users.sql"), "CREATE TABLE users (id int);\n");
        Files.write(folder.resolve("V2__names.sql"), "-- noms\nINSERT INTO users VALUES (1);\n-- caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1));

        thenThrownBy(() -> MigrationVerifier.verify(VerifierConfig.builder()
                .flyway(FlywaySettings.of("filesystem:" + folder)).build()))
                .isInstanceOf(MigrationConfigurationException.class)
                .hasMessage(folder.resolve("V2__names.sql") + " line 3 is not valid UTF-8 (byte 0xE9): save the file "
                        + "as UTF-8, or set flyway.encoding to its encoding (-Dflyway.encoding=ISO-8859-1)");
    }

    @Test
    void should_name_a_script_whose_version_does_not_parse_instead_of_skipping_it(@TempDir Path folder)
            throws Exception {
        Files.writeString(folder.resolve("V1__users.sql"), "CREATE TABLE users (id int);\n");
        Files.writeString(folder.resolve("U1__users.sql"), "DROP TABLE users;\n");
        Files.writeString(folder.resolve("V2a__teams.sql"), "CREATE TABLE teams (id int);\n");

        thenThrownBy(() -> MigrationVerifier.verify(VerifierConfig.builder()
                .flyway(FlywaySettings.of("filesystem:" + folder)).build()))
                .isInstanceOf(MigrationConfigurationException.class)
                .hasMessage(folder.resolve("V2a__teams.sql") + ": '2a' is not a version (digits separated by dots or "
                        + "underscores, e.g. V2_1__add_tags.sql); Flyway would skip this file without a word");
    }

    @Test
    void should_prove_a_ten_megabyte_data_load(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY, label text);\n");
        Files.writeString(folder.resolve("U1__items.sql"), "DROP TABLE items;\n");
        StringBuilder load = new StringBuilder();
        int id = 0;
        while (load.length() < 10 * 1024 * 1024) {
            load.append("INSERT INTO items (id, label) VALUES ");
            for (int row = 0; row < 100; row++) {
                id++;
                load.append(row == 0 ? "" : ", ").append('(').append(-id).append(", '")
                        .append("item number ").append(id).append(" of the ten megabyte load, padded to length")
                        .append("')");
            }
            load.append(";\n");
        }
        Files.writeString(folder.resolve("V2__load_items.sql"), load);
        Files.writeString(folder.resolve("U2__load_items.sql"), "DELETE FROM items WHERE id < 0;\n");

        VerificationResult result = Scenarios.verify(VerifierConfig.builder()
                .flyway(FlywaySettings.of("filesystem:" + folder)));

        then(Files.size(folder.resolve("V2__load_items.sql"))).isGreaterThan(10L * 1024 * 1024);
        then(result.findingsAtLeast(dev.flyback.verifier.finding.Severity.ERROR)).isEmpty();
        then(result.revisions()).allSatisfy(r -> then(r.applied()).isTrue());
        then(result.revisions().get(1).steps()).extracting(s -> s.status().displayName())
                .containsExactly("succeeded", "succeeded", "succeeded");
    }
}
