package dev.flyback.verifier.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * What {@code verify} says while it works. On a terminal, a line per revision as it is proven. Elsewhere (a CI log) a
 * history of hundreds of revisions would write hundreds of lines, so a revision's line is printed only when
 * {@link #EVERY_NANOS} have passed since the last one, as a count; the last count comes at the end. Other lines (the
 * database started, what is judged) are always printed.
 */
final class ProgressLines implements Consumer<String> {
    static final long EVERY_NANOS = 5_000_000_000L;
    /** A revision's line: {@code V2__everything: up succeeded (3 ms) down ...}. */
    private static final Pattern REVISION = Pattern.compile("^\\S+: up \\w+.*");

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier clock;
    private long lastPrinted;
    private int proven;
    private String unprinted;

    ProgressLines(PrintWriter err, boolean terminal, LongSupplier clock) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.lastPrinted = clock.getAsLong();
    }

    /** For the real console: a terminal when the JVM has one. */
    static ProgressLines of(PrintWriter err) {
        return new ProgressLines(err, System.console() != null, System::nanoTime);
    }

    @Override
    public void accept(String line) {
        if (terminal || !REVISION.matcher(line).matches()) {
            err.println(line);
            return;
        }
        proven++;
        long now = clock.getAsLong();
        if (now - lastPrinted >= EVERY_NANOS) {
            err.println(count(line));
            lastPrinted = now;
            unprinted = null;
        } else {
            unprinted = line;
        }
    }

    /** The last count, if the last revision's line was held back. */
    void finish() {
        if (unprinted != null) {
            err.println(count(unprinted));
            unprinted = null;
        }
        err.flush();
    }

    private String count(String line) {
        return proven + " revision(s) proven; last " + line;
    }
}
