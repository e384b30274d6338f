package dev.flyback.verifier.migration;

import org.apiguardian.api.API;

/**
 * The Flyway configuration or a migration location is wrong: a user mistake with a message saying what to fix.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class MigrationConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the setting and the cause chained. */
    public MigrationConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
