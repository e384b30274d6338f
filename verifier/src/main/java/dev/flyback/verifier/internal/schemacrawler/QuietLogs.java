package dev.flyback.verifier.internal.schemacrawler;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SchemaCrawler logs every crawl step through java.util.logging at INFO (about 40 lines per crawl); Flyback's output
 * stays quiet. The loggers are held here because java.util.logging keeps only weak references to them, and a level
 * set on a collected logger is lost.
 */
final class QuietLogs {
    private static final List<Logger> QUIET = List.of(Logger.getLogger("schemacrawler"), Logger.getLogger("us.fatehi"));

    static {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    }

    private QuietLogs() {
    }

    /** Makes sure the levels are set (the class's initialisation does it, once). */
    static void ensure() {
        // Loading the class is the work.
    }
}
