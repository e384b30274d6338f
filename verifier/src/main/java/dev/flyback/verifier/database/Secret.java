package dev.flyback.verifier.database;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * A password that never shows itself: {@link #toString()} prints {@code ****}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = requireNonNull(value, "value must not be null");
    }

    /** Wraps a secret value. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret itself, for the JDBC driver only. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
