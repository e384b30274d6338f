package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/**
 * The benchmark end to end at a tiny size: its synthetic history passes Flyback's whole checklist without an error,
 * Liquibase's update-testing-rollback accepts the same SQL, and every figure the README promises is printed. No
 * timing is asserted: speed is the benchmark's business, not a unit test's.
 */
class BenchCommandTests {

    @Test
    void should_measure_every_figure_on_a_small_history() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = FlybackCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("bench", "--sizes", "4,6", "--repetitions", "1", "--warmups", "1", "--rows", "200");

        then(exit).as(err.toString()).isIn(0, 1);
        // every size measured in each round, the warm-up round first
        then(out.toString()).contains("median of 1 after 1 warm-up")
                .containsSubsequence("round 1 of 2 (warm-up) done", "round 2 of 2 done", "N=4 ", "N=6 ");
        then(out.toString()).contains("Flyback benchmark on ")
                .containsPattern("N=6 +\\(a\\) migrate +\\d+ \\| \\(b\\) proof +\\d+ = +[\\d.]+x \\(a\\) \\| \\(c\\) "
                        + "checklist with rows +\\d+ = +[\\d.]+x migrate with rows \\(\\d+\\) \\| \\(d\\) Liquibase +\\d+ = "
                        + "+[\\d.]+x \\(a\\) \\| proof overhead beyond the DDL +-?[\\d.]+ ms/revision \\| peak heap \\d+ MB")
                .containsPattern("--jobs \\d: proof +\\d+ = [\\d.]+x --jobs 1 \\| checklist with rows +\\d+ = [\\d.]+x "
                        + "--jobs 1 \\(peak heap \\d+ MB\\) \\| slowest of 4 shards +\\d+ = [\\d.]+x the single proof")
                .containsPattern("where the time went, last run: \\(b\\) migrate \\d+ ms \\(\\d+%\\), snapshot")
                .containsPattern("embedded PostgreSQL 17 ready in \\d+ ms");
    }
}
