package dev.flyback.verifier.database;

import org.apiguardian.api.API;

/**
 * The disposable PostgreSQL could not be started or reached: an infrastructure problem, not a finding.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class DatabaseStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what to do and the cause chained. */
    public DatabaseStartException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception with a message that says what to do. */
    public DatabaseStartException(String message) {
        super(message);
    }
}
