package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.TestDatabases;
import dev.flyback.verifier.database.ConnectionInfo;
import dev.flyback.verifier.database.DisposableDatabase;

/** The developer's workflow on a database the developer names (here a scratch one standing in for it). */
class WorkflowCommandsTests {
    private static final String SAMPLE = "filesystem:../sample-tests/src/main/resources/db/migration";

    private DisposableDatabase database;
    private ConnectionInfo connection;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void open() {
        database = TestDatabases.fresh();
        connection = database.connectionInfo();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        if (!args[0].equals("new")) {
            all.addAll(List.of("--url", connection.jdbcUrl(), "--user", connection.user()));
            if (!all.contains("--locations")) {
                all.addAll(List.of("--locations", SAMPLE));
            }
        }
        return FlybackCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }

    @Test
    void should_create_the_next_revision_and_its_undo(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("V1__create_users.sql"), "CREATE TABLE users (id int);");
        Files.writeString(folder.resolve("V2__add_teams.sql"), "CREATE TABLE teams (id int);");

        then(run("new", "Add LinkedIn URL!", "--locations", "filesystem:" + folder)).isEqualTo(0);

        then(out.toString().lines()).containsExactly(folder.resolve("V3__add_linkedin_url.sql").toString(),
                folder.resolve("U3__add_linkedin_url.sql").toString());
        then(Files.readString(folder.resolve("V3__add_linkedin_url.sql"))).startsWith("-- Add LinkedIn URL!\n");
    }

    @Test
    void should_name_the_revision_that_failed_not_the_target(@TempDir Path folder) throws Exception {
        for (int n = 1; n <= 8; n++) {
            Files.writeString(folder.resolve("V" + n + "__step_" + n + ".sql"), n == 6
                    ? "CREATE TABLE t_6 (id int);\nCREATE TABEL oops (id int);\n" : "CREATE TABLE t_" + n + " (id int);");
        }

        then(run("up", "--yes", "--locations", "filesystem:" + folder)).isEqualTo(1);

        then(err.toString()).startsWith("flyback: V6__step_6.sql line 2: ERROR: syntax error at or near \"TABEL\"");
        then(run("current", "--locations", "filesystem:" + folder)).isZero();
        then(out.toString()).isEqualTo("5\n");
    }

    @Test
    void should_name_a_long_plan_by_its_count_and_ends(@TempDir Path folder) throws Exception {
        for (int n = 1; n <= 12; n++) {
            Files.writeString(folder.resolve("V" + n + "__step_" + n + ".sql"), "CREATE TABLE t_" + n + " (id int);");
            Files.writeString(folder.resolve("U" + n + "__step_" + n + ".sql"), "DROP TABLE t_" + n + ";");
        }

        then(run("up", "--yes", "--locations", "filesystem:" + folder)).isZero();
        then(out.toString()).startsWith("Will apply 12 revisions, V1__step_1, V2__step_2, V3__step_3 ... V11__step_11, "
                + "V12__step_12 on ").endsWith("Now at 12\n");

        then(run("down", "base", "--yes", "--locations", "filesystem:" + folder)).isZero();
        then(out.toString()).startsWith("Will undo 12 revisions, V12__step_12, V11__step_11, V10__step_10 ... "
                + "V2__step_2, V1__step_1 with 12 undo scripts, U12__step_12.sql, U11__step_11.sql, U10__step_10.sql ... "
                + "U2__step_2.sql, U1__step_1.sql on ").endsWith("Now at <none>\n");
    }

    @Test
    void should_go_up_and_down_keeping_current_and_history_true() {
        then(run("up", "--yes")).isEqualTo(0);
        then(out.toString()).contains("Will apply V1__create_base_tables, V2__create_research, V3__add_linkedin_url, "
                + "V4__add_user_role").endsWith("Now at 4\n");
        then(run("current")).isZero();
        then(out.toString()).isEqualTo("4\n");

        then(run("down", "--yes")).isZero();
        then(out.toString()).contains("Will undo V4__add_user_role with U4__add_user_role.sql").endsWith("Now at 3\n");
        then(run("down", "1", "--yes")).isZero();
        then(out.toString()).endsWith("Now at 1\n");
        then(run("history")).isZero();
        then(out.toString()).contains("1        applied  create base tables", "2        pending  create research")
                .endsWith("current: 1\n");
        then(run("down", "base", "--yes")).isZero();
        then(out.toString()).endsWith("Now at <none>\n");
        then(run("up", "--target", "+1", "--yes")).isZero();
        then(out.toString()).endsWith("Now at 1\n");
    }

    @Test
    void should_change_nothing_without_confirmation_or_with_dry_run() {
        then(run("up")).isZero();
        then(err.toString()).contains("Nothing changed: not an interactive terminal");
        then(run("up", "--dry-run")).isZero();
        then(out.toString()).contains("-- V1__create_base_tables.sql", "CREATE TABLE users (");
        then(run("current")).isZero();
        then(out.toString()).isEqualTo("<none>\n");
    }

    @Test
    void should_stamp_a_database_without_history_and_refuse_one_with_history() {
        then(run("stamp", "2", "--yes")).isZero();
        then(out.toString()).endsWith("Now at 2\n");
        then(run("stamp", "3", "--yes")).isEqualTo(2);
        then(err.toString()).contains("already has a Flyway history (at version 2)");
    }

    @Test
    void should_refuse_to_go_down_past_a_revision_without_undo_before_running_anything() {
        String withoutUndo = "filesystem:src/test/resources/scenarios/undo_missing";
        then(run("up", "--yes", "--locations", withoutUndo)).isZero();
        then(out.toString()).endsWith("Now at 2\n");

        then(run("down", "base", "--yes", "--locations", withoutUndo)).isEqualTo(1);
        then(err.toString()).contains("V2__add_phone.sql has no undo script, so the database cannot go down past "
                + "it; nothing changed");
        then(run("current", "--locations", withoutUndo)).isZero();
        then(out.toString()).isEqualTo("2\n");
    }

    @Test
    void should_ask_for_a_database_instead_of_guessing() {
        out = new StringWriter();
        err = new StringWriter();
        int exit = FlybackCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("down", "--yes", "--url", "", "--locations", SAMPLE);
        then(exit).isEqualTo(2);
        then(err.toString()).startsWith("flyback: Name the database to work on with --url (or FLYBACK_URL)");
    }
}
