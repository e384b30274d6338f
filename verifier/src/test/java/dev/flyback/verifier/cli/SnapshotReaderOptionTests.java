package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * {@code --snapshot-reader schemacrawler}: SchemaCrawler's snapshots judge the undo and the second up. It sees what
 * an undo leaves behind, and, coarser than the catalog reader, not what it does not model (a comment).
 */
class SnapshotReaderOptionTests {
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
    void should_find_the_index_an_undo_leaves_behind_with_schemacrawler_snapshots() {
        int exit = run("verify", "--locations", SCENARIOS + "leftover_index", "--checks", "reversibility,reapply",
                "--snapshot-reader", "schemacrawler");

        then(exit).isEqualTo(1);
        then(out.toString()).contains("error LEFTOVER_INDEX V2__index_email: index \"public\".\"users\"."
                + "\"ix_users_name\" is still there after U2__index_email.sql", "DROP INDEX IF EXISTS public.ix_users_name;");
    }

    @Test
    void should_judge_with_the_reader_chosen_seeing_only_what_it_models() {
        then(run("verify", "--locations", SCENARIOS + "changed_comment", "--checks", "reversibility")).isEqualTo(1);
        then(out.toString()).contains("CHANGED_COLUMN");
        out.getBuffer().setLength(0);

        then(run("verify", "--locations", SCENARIOS + "changed_comment", "--checks", "reversibility",
                "--snapshot-reader", "schemacrawler")).as("SchemaCrawler's snapshot has no comments").isZero();
        then(out.toString()).doesNotContain("CHANGED_COLUMN");
    }

    @Test
    void should_name_the_allowed_readers_for_an_unknown_one() {
        then(run("verify", "--locations", SCENARIOS + "clean", "--snapshot-reader", "pgdump")).isEqualTo(2);
        then(err.toString()).contains("Unknown snapshot reader 'pgdump'; allowed values: catalog, schemacrawler")
                .doesNotContain("\tat ").doesNotContain("Started");
    }
}
