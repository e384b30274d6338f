package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** A line per revision on a terminal; a count every few seconds in a CI log. */
class ProgressLinesTests {
    private final StringWriter err = new StringWriter();
    private final AtomicLong now = new AtomicLong();

    @Test
    void should_print_every_revision_on_a_terminal() {
        ProgressLines progress = new ProgressLines(new PrintWriter(err, true), true, now::get);
        progress.accept("V1__a: up succeeded (3 ms)");
        progress.accept("V2__b: up succeeded (4 ms)");
        progress.finish();

        then(err.toString()).isEqualTo("V1__a: up succeeded (3 ms)\nV2__b: up succeeded (4 ms)\n");
    }

    @Test
    void should_print_a_count_every_five_seconds_elsewhere_and_the_last_one_at_the_end() {
        ProgressLines progress = new ProgressLines(new PrintWriter(err, true), false, now::get);
        progress.accept("Started embedded PostgreSQL 17 on port 5432");
        progress.accept("V1__a: up succeeded (3 ms)");
        now.addAndGet(2_000_000_000L);
        progress.accept("V2__b: up succeeded (4 ms)");
        now.addAndGet(3_000_000_000L);
        progress.accept("V3__c: up succeeded (4 ms) down succeeded (2 ms)");
        progress.accept("V4__d: up failed (9 ms)");
        progress.finish();

        then(err.toString()).isEqualTo("""
                Started embedded PostgreSQL 17 on port 5432
                3 revision(s) proven; last V3__c: up succeeded (4 ms) down succeeded (2 ms)
                4 revision(s) proven; last V4__d: up failed (9 ms)
                """);
    }
}
