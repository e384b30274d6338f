package dev.flyback.verifier.migration;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * A migration step failed; {@link #failure()} says where and why.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class MigrationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient MigrationFailure failure;

    /** A failure whose SQLState and kind are read from {@code cause}, where it was caught. */
    MigrationException(MigrationFailure failure, Throwable cause) {
        super(failure.script() + ": " + failure.message(), cause);
        this.failure = requireNonNull(failure, "failure must not be null").classified(cause);
    }

    /** Where and why the step failed. */
    public MigrationFailure failure() {
        return failure;
    }
}
