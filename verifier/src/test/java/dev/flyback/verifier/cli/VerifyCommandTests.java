package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** The CLI in-process: exit codes, stdout, stderr and report files. */
class VerifyCommandTests {
    private static final String SCENARIOS = "filesystem:src/test/resources/scenarios/";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = FlybackCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void should_exit_0_and_print_passed_when_every_revision_is_reversible() {
        then(run("verify", "--locations", SCENARIOS + "clean", "--checks", "reversibility,reapply,indexes")).isEqualTo(0);
        then(out.toString()).contains("V2__everything\n  migration file : V2__everything.sql")
                .endsWith("PASSED: 3 revision(s), 0 error(s), 0 warning(s), 0 info (fail on error)\n");
        // not a terminal: the revisions' lines come as a count every few seconds, and the last count at the end
        then(err.toString()).contains("3 revision(s) proven; last V3__").doesNotContain("1 revision(s) proven");
    }

    @Test
    void should_pass_the_qa_portal_sample_with_the_full_checklist_as_the_readme_shows() {
        then(run("verify", "--locations", "filesystem:../sample-tests/src/main/resources/db/migration")).isEqualTo(0);
        then(out.toString()).contains("warning ACCESS_EXCLUSIVE_LOCK V4__add_user_role: V4__add_user_role.sql line 2 "
                        + "takes ACCESS EXCLUSIVE on public.users (it held rows) and holds it while line 3 changes rows "
                        + "(UPDATE)")
                .contains("  [x] No data loss: no data finding at warning or error, and seeded rows survived each up and "
                        + "came back with each undo\n")
                .endsWith("PASSED: 4 revision(s), 0 error(s), 1 warning(s), 10 info (fail on error)\n");
    }

    @Test
    void should_exit_1_and_write_json_when_an_undo_leaves_an_index(@TempDir Path reports) throws Exception {
        int exit = run("verify", "--locations", SCENARIOS + "leftover_index", "--format", "json,text",
                "--output", reports.toString(), "--checks", "reversibility,reapply");

        then(exit).isEqualTo(1);
        then(out.toString()).contains("error LEFTOVER_INDEX V2__index_email: index \"public\".\"users\".\"ix_users_name\"")
                .contains("FAILED: 2 revision(s), 2 error(s)");
        JsonNode json = new ObjectMapper().readTree(reports.resolve("flyback-report.json").toFile());
        then(json.get("schemaVersion").asInt()).isEqualTo(1);
        then(json.get("revisions").get(1).get("undoScript").asText()).isEqualTo("U2__index_email.sql");
        JsonNode finding = json.get("findings").get(0);
        then(finding.get("rule").asText()).isEqualTo("LEFTOVER_INDEX");
        then(finding.get("severity").asText()).isEqualTo("error");
        then(finding.get("version").asText()).isEqualTo("2");
        then(finding.get("object").asText()).isEqualTo("\"public\".\"users\".\"ix_users_name\"");
        then(finding.get("file").asText()).isEqualTo("U2__index_email.sql");
        then(Files.readString(reports.resolve("flyback-report.txt"))).isEqualTo(out.toString());
    }

    @Test
    void should_fail_on_warnings_when_asked_and_run_only_the_checks_named() {
        then(run("verify", "--locations", SCENARIOS + "fk_without_index", "--checks", "indexes")).isEqualTo(0);
        then(out.toString()).contains("warning FK_WITHOUT_INDEX V2__change: foreign key notes_author_id_fkey")
                .endsWith("PASSED: 2 revision(s), 0 error(s), 2 warning(s), 0 info (fail on error)\n");

        then(run("verify", "--locations", SCENARIOS + "fk_without_index", "--fail-on", "warning", "--checks",
                "indexes")).isEqualTo(1);
        then(run("verify", "--locations", SCENARIOS + "fk_without_index", "--fail-on", "warning",
                "--checks", "reversibility,reapply")).isEqualTo(0);
    }

    @Test
    void should_exit_2_naming_a_missing_location_without_a_stack_trace() {
        then(run("verify", "--locations", "filesystem:/no/such/migrations")).isEqualTo(2);
        then(err.toString()).startsWith("flyback: Flyway could not read the migrations:")
                .contains("/no/such/migrations").doesNotContain("\tat ");
    }

    @Test
    void should_prove_data_loss_with_seeded_rows_and_take_the_users_fixture() {
        String fixtures = Path.of("src", "test", "resources", "seed-fixtures", "codes").toString();
        then(run("verify", "--locations", SCENARIOS + "seeded_data", "--checks", "data-loss", "--seed-fixtures",
                fixtures)).isEqualTo(1);
        then(out.toString()).contains("error DATA_NOT_RESTORED V2__split_name: after U2__split_name.sql, "
                        + "public.users.name holds 0 of the 10 values it held before V2")
                .contains("warning ROWS_LOST V2__split_name: V2__split_name.sql line 8 deleted 3 of the 10 rows of "
                        + "public.memberships")
                .doesNotContain("NOT_SEEDED");
    }

    @Test
    void should_exit_2_for_a_missing_fixture_folder_or_a_negative_row_count_before_starting_a_database() {
        then(run("verify", "--locations", SCENARIOS + "seeded_data", "--seed-fixtures", "/no/such/rows"))
                .isEqualTo(2);
        then(err.toString()).isEqualTo("flyback: seed fixture folder /no/such/rows does not exist: give a folder of "
                + "V<version>__*.sql data scripts\n");
        then(run("verify", "--locations", SCENARIOS + "seeded_data", "--seed-rows", "-1")).isEqualTo(2);
        then(err.toString()).endsWith("flyback: --seed-rows must be 0 or more, was -1\n").doesNotContain("Started");
    }

    @Test
    void should_give_a_rule_the_severity_the_team_chose_or_turn_it_off() {
        String[] base = {"verify", "--locations", SCENARIOS + "undo_missing", "--checks", "reversibility"};
        then(run(base)).isEqualTo(1);
        then(out.toString()).contains("error UNDO_MISSING V2__");

        out.getBuffer().setLength(0);
        then(run(concat(base, "--severity", "undo_missing=warning"))).isEqualTo(0);
        then(out.toString()).contains("warning UNDO_MISSING V2__").contains("0 error(s), 1 warning(s)");

        out.getBuffer().setLength(0);
        then(run(concat(base, "--severity", "UNDO_MISSING=off"))).isEqualTo(0);
        then(out.toString()).doesNotContain("UNDO_MISSING");
    }

    @Test
    void should_exit_2_for_an_unknown_rule_or_level_or_turning_off_a_failed_up() {
        then(run("verify", "--locations", SCENARIOS + "clean", "--severity", "UNDO_MISING=warning")).isEqualTo(2);
        then(err.toString()).startsWith("flyback: unknown rule 'UNDO_MISING' in severity override "
                + "'UNDO_MISING=warning'; rules: UP_FAILED, TIMED_OUT, UNDO_MISSING,").doesNotContain("Started");
        err.getBuffer().setLength(0);
        then(run("verify", "--locations", SCENARIOS + "clean", "--severity", "LEFTOVER_INDEX=fatal")).isEqualTo(2);
        then(err.toString()).isEqualTo("flyback: unknown level 'fatal' in severity override 'LEFTOVER_INDEX=fatal'; "
                + "allowed values: error, warning, info, off\n");
        err.getBuffer().setLength(0);
        then(run("verify", "--locations", SCENARIOS + "clean", "--severity", "UP_FAILED=off")).isEqualTo(2);
        then(err.toString()).contains("UP_FAILED cannot be turned off");
    }

    @Test
    void should_exit_2_for_a_reference_history_that_is_neither_git_nor_jdbc_and_never_print_its_password() {
        then(run("verify", "--locations", SCENARIOS + "clean", "--reference-history",
                "postgresql://app:s3cr3t-reference@prod/db")).isEqualTo(2);
        then(err.toString()).startsWith("flyback: reference history 'postgresql://****@prod/db' must be git:<ref>")
                .doesNotContain("s3cr3t-reference");
    }

    @Test
    void should_exit_2_naming_both_files_of_a_duplicate_version(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("V1__users.sql"), "CREATE TABLE users (id int);");
        Files.writeString(folder.resolve("V1__teams.sql"), "CREATE TABLE teams (id int);");

        then(run("verify", "--locations", "filesystem:" + folder)).isEqualTo(2);
        then(err.toString()).contains("Found more than one migration with version 1")
                .contains(folder.resolve("V1__users.sql").toString()).contains(folder.resolve("V1__teams.sql").toString())
                .doesNotContain("\tat ").as("found before any database starts").doesNotContain("Started");
    }

    @Test
    void should_write_byte_identical_json_for_the_same_input_once_timings_are_removed(@TempDir Path reports)
            throws Exception {
        List<String> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path output = reports.resolve("run" + i);
            then(run("verify", "--locations", SCENARIOS + "seeded_data", "--format", "json", "--output",
                    output.toString())).isEqualTo(1);
            runs.add(Files.readString(output.resolve("flyback-report.json"))
                    .replaceAll("\"durationMillis\" : \\d+", "\"durationMillis\" : 0"));
        }

        then(runs.get(1)).isEqualTo(runs.get(0));
        then(runs.get(0)).contains("\"rule\" : \"DATA_NOT_RESTORED\"").contains("\"rule\" : \"ROWS_LOST\"")
                .as("no seeded value (they end in -flyback) reaches the report, only counts")
                .doesNotContain("-flyback");
    }

    @Test
    void should_end_with_exit_3_naming_the_revision_when_the_server_dies_and_run_again_afterwards() {
        // The log goes to the process's standard error (slf4j-simple looks it up on each line), not to picocli's.
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            then(run("verify", "--locations", SCENARIOS + "server_dies", "--checks", "reversibility")).isEqualTo(3);
        } finally {
            System.setErr(stderr);
        }
        then(err.toString()).contains("flyback: Lost the database while running V2__kill_server.sql (up): ")
                .contains("Run again once the server is back.").doesNotContain("\tat ");
        // Stopping a server on its way down ran pg_ctl stop, whose failure zonky logged with a stack trace (2 of 3
        // full runs).
        then(logged.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Could not stop postmaster")
                .doesNotContain("\tat ");

        then(run("verify", "--locations", SCENARIOS + "empty_script", "--checks", "reversibility")).isZero();
    }

    @Test
    void should_exit_2_for_a_duration_that_is_not_one() {
        then(run("verify", "--locations", SCENARIOS + "clean", "--statement-timeout", "soon")).isEqualTo(2);
        then(err.toString()).isEqualTo("flyback: --statement-timeout 'soon' is not a duration; write e.g. 30s, 2m, 1h, "
                + "500ms or 0 for no limit\n");
    }

    @Test
    void should_report_a_java_migration_that_throws_as_a_finding_without_a_stack_trace() {
        then(run("verify", "--locations", "classpath:dev/flyback/verifier/brokenjava", "--checks",
                "reversibility")).isEqualTo(1);
        then(out.toString()).contains("error UP_FAILED V2__Explode: ").contains("the audit backfill found no tenant")
                .doesNotContain("\tat ");
        then(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void should_exit_3_for_a_user_the_external_server_does_not_know_without_printing_the_password() {
        dev.flyback.verifier.database.ConnectionInfo server = testServer();
        then(run("verify", "--locations", SCENARIOS + "clean", "--database", "external", "--url", server.jdbcUrl(),
                "--user", "nobody_here", "--password", "s3cr3t-wrong-credentials")).isEqualTo(3);
        then(err.toString()).contains("nobody_here").doesNotContain("s3cr3t-wrong-credentials")
                .doesNotContain("\tat ");
        then(out.toString()).doesNotContain("s3cr3t-wrong-credentials");
    }

    /** The tests' embedded server, as a user names theirs: its {@code postgres} database. */
    private static dev.flyback.verifier.database.ConnectionInfo testServer() {
        try (dev.flyback.verifier.database.DisposableDatabase any = dev.flyback.verifier.TestDatabases.fresh()) {
            return any.connectionInfo().withDatabase("postgres");
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    @Test
    void should_exit_2_naming_file_and_line_of_a_suppression_without_reason() {
        then(run("verify", "--locations", SCENARIOS + "suppression_without_reason")).isEqualTo(2);
        then(err.toString()).endsWith("flyback: U2__index_email.sql line 2: '-- flyback:allow LEFTOVER_INDEX' needs a "
                + "rule and a reason, e.g. -- flyback:allow DROPS_COLUMN the column moved to profiles in V12\n");
    }

    @Test
    void should_write_a_baseline_then_fail_only_on_new_findings(@TempDir Path directory) throws Exception {
        Path baseline = directory.resolve("flyback-baseline.txt");
        String[] args = {"verify", "--locations", SCENARIOS + "leftover_index", "--checks", "reversibility,reapply",
                "--baseline", baseline.toString()};

        then(run(args)).isEqualTo(0);
        then(Files.readAllLines(baseline)).containsExactly(
                "# Flyback baseline: known findings, one 'RULE VERSION OBJECT' per line. Delete a line once fixed.",
                "LEFTOVER_INDEX 2 \"public\".\"users\".\"ix_users_name\"", "REUP_FAILED 2 index ix_users_name");
        then(run(args)).isEqualTo(0);
        then(err.toString()).contains("2 known finding(s) from the baseline");

        Files.write(baseline, List.of("REUP_FAILED 2 index ix_users_name"));
        then(run(args)).isEqualTo(1);
        then(out.toString()).contains("error LEFTOVER_INDEX V2__index_email");
    }

    @Test
    void should_exit_2_naming_the_allowed_database_providers() {
        then(run("verify", "--database", "docker", "--locations", SCENARIOS + "clean")).isEqualTo(2);
        then(err.toString()).isEqualTo("flyback: Unknown database provider 'docker'; allowed values: "
                + "embedded, testcontainers, external, auto\n");
    }

    @Test
    void should_work_on_the_server_named_by_url_without_being_told_database_external() {
        dev.flyback.verifier.database.ConnectionInfo server = testServer();
        then(run("verify", "--locations", SCENARIOS + "clean", "--checks", "reversibility", "--url", server.jdbcUrl(),
                "--user", server.user())).isEqualTo(0);
        then(err.toString()).contains("on external PostgreSQL at " + server.jdbcUrl());
    }

    @Test
    void should_exit_2_when_url_is_given_for_another_database_provider() {
        then(run("verify", "--database", "embedded", "--url", "jdbc:postgresql://localhost:5432/postgres",
                "--locations", SCENARIOS + "clean")).isEqualTo(2);
        then(err.toString()).isEqualTo("flyback: --url names your server for --database external, but --database "
                + "is embedded: drop --url to work on embedded, or use --database external\n");
    }

    @Test
    void should_exit_3_when_the_external_server_is_unreachable_and_never_print_the_password() {
        int exit = run("verify", "--database", "external", "--url", "jdbc:postgresql://127.0.0.1:1/postgres",
                "--user", "app", "--password", "topsecret-77", "--locations", SCENARIOS + "clean");

        then(exit).isEqualTo(3);
        then(err.toString()).startsWith("flyback: Could not connect to the external PostgreSQL")
                .doesNotContain("topsecret-77").doesNotContain("\tat ");
        then(out.toString()).doesNotContain("topsecret-77");
    }
}
