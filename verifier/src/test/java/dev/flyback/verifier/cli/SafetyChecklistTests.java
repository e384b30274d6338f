package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The team guide's safety checklist at the end of every report, ticked only by what the run proved. */
class SafetyChecklistTests {
    private static final String SCENARIOS = "filesystem:src/test/resources/scenarios/";

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = FlybackCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        return commandLine.execute(args);
    }

    @Test
    void should_tick_what_a_clean_history_proves_and_leave_review_and_backup_to_the_team(@TempDir Path reports)
            throws Exception {
        then(run("verify", "--locations", SCENARIOS + "clean", "--format", "markdown", "--output",
                reports.toString())).isZero();

        then(out.toString()).contains("Safety checklist ([x] proven by this run, [ ] contradicted by a finding, [?] "
                        + "the team's to confirm):\n")
                .contains("  [x] Downgrade tested: every undo restored the schema and every revision applied again\n")
                .contains("  [x] No data loss: ")
                .contains("  [?] Reviewed and tested on a dev database: Flyback applied all 3 revision(s) on a "
                        + "disposable PostgreSQL; the review is the team's to confirm\n")
                .contains("  [?] Backup taken: the team's to confirm before deploying\n")
                .contains("  [x] Deployment plan includes a rollback procedure: ");
        then(reports.resolve("flyback-report.md")).content(StandardCharsets.UTF_8)
                .contains("### Safety checklist").contains("- ✅ **Downgrade tested**").contains("- ❔ **Backup taken**");
    }

    @Test
    void should_leave_unticked_what_a_finding_contradicts_and_say_so() throws Exception {
        then(run("verify", "--locations", SCENARIOS + "leftover_index", "--checks", "reversibility,reapply"))
                .isEqualTo(1);

        then(out.toString()).contains("  [ ] Downgrade tested: 2 error(s) from the undo or the second up\n")
                .contains("  [?] No data loss: the data-loss check did not run\n")
                .contains("  [?] Deployment plan includes a rollback procedure: the undo scripts exist but were not "
                        + "all proven\n");
        then(Files.exists(Path.of("flyback-report.md"))).isFalse();
    }

    @Test
    void should_plan_the_rollback_of_what_is_not_released_with_locks_and_what_cannot_come_back(@TempDir Path repo)
            throws Exception {
        // GIVEN V1 released (committed on main), V2 and V3 added since
        dev.flyback.verifier.TestGit.init(repo);
        Path folder = repo.resolve("db");
        Files.createDirectories(folder);
        write(folder, "V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);");
        write(folder, "U1__users.sql", "DROP TABLE users;");
        dev.flyback.verifier.TestGit.commitAll(repo, "release 1");
        write(folder, "V2__nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;");
        write(folder, "U2__nickname.sql", "ALTER TABLE users DROP COLUMN nickname;");
        write(folder, "V3__notes.sql", "CREATE TABLE notes (id bigint PRIMARY KEY, body text);");

        run("verify", "--locations", "filesystem:" + folder, "--since", "main");

        // THEN the plan starts with the newest, names its missing undo, then V2's undo with its lock and its loss
        String text = out.toString();
        int plan = text.indexOf("Rollback plan for the 2 revision(s) not yet released, in this order:\n");
        then(plan).isPositive();
        then(text.substring(plan)).contains("  1. V3__notes has no undo script: rolling back past it needs a "
                + "procedure of its own\n").contains("  2. run U2__nickname.sql (undoes V2__nickname); locks: ")
                .contains("ACCESS EXCLUSIVE on public.users").contains("cannot restore: ")
                .doesNotContain("U1__users.sql");

        // AND the reference history tells the same
        out.getBuffer().setLength(0);
        run("verify", "--locations", "filesystem:" + folder, "--reference-history", "git:main");
        then(out.toString()).contains("Rollback plan for the 2 revision(s) not yet released, in this order:\n"
                + "  1. V3__notes has no undo script");
    }

    private static void write(Path folder, String name, String sql) throws java.io.IOException {
        Files.writeString(folder.resolve(name), sql, StandardCharsets.UTF_8);
    }
}
