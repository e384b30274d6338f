package dev.flyback.verifier.migration;

import org.apiguardian.api.API;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's log, quiet by default. Flyback runs Flyway dozens of times per proof, so Flyway's INFO lines (a 2 KB
 * {@code Database: jdbc:postgresql://…} per run), its warning that the {@code U} scripts "did not follow the filename
 * convention" (they are Flyback's undo scripts) and its ERROR for a failed migration (Flyback reports the failure
 * itself, with the revision, file and line), and its deprecation of the {@code initSql} Flyback sets, flooded a failing {@code mvn test} with 710 lines (issue 15). Only
 * Flyway's other warnings pass, unless {@code flyback.log=verbose} asks for everything.
 *
 * <p>Flyway instantiates this class by its name, from the {@code loggers} setting.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class FlywayLogs implements LogCreator {
    /** The system property that asks for Flyway's full log: {@code flyback.log=verbose}. */
    public static final String PROPERTY = "flyback.log";

    /** Flyway calls this constructor. */
    public FlywayLogs() {
    }

    /** Whether Flyway's full log is asked for. */
    public static boolean verbose() {
        return "verbose".equalsIgnoreCase(System.getProperty(PROPERTY, ""));
    }

    @Override
    public Log createLogger(Class<?> owner) {
        Logger logger = LoggerFactory.getLogger(owner);
        return new Log() {
            @Override
            public void debug(String message) {
                if (verbose()) {
                    logger.debug(message);
                }
            }

            @Override
            public void info(String message) {
                if (verbose()) {
                    logger.info(message);
                }
            }

            @Override
            public void notice(String message) {
                info(message);
            }

            @Override
            public void warn(String message) {
                // Flyback sets initSql itself (the statement timeout on every connection Flyway opens): the
                // deprecation is Flyback's to handle, not the user's to read on every run
                if (verbose() || !(message.contains("did not follow the filename convention")
                        || message.startsWith("initSql is deprecated"))) {
                    logger.warn(message);
                }
            }

            @Override
            public void error(String message) {
                if (verbose()) {
                    logger.error(message);
                }
            }

            @Override
            public void error(String message, Exception cause) {
                if (verbose()) {
                    logger.error(message, cause);
                }
            }
        };
    }
}
