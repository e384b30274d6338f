package dev.flyback.verifier.database;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

/**
 * Where the disposable PostgreSQL comes from.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum DatabaseProvider {
    /** Real PostgreSQL binaries from Maven Central, started as a local process (the default; needs no Docker). */
    EMBEDDED,
    /** A PostgreSQL container started with Testcontainers (needs a Docker engine). */
    TESTCONTAINERS,
    /** A server the user runs; Flyback works only inside a scratch database it creates there. */
    EXTERNAL,
    /** Testcontainers when a Docker engine answers, otherwise embedded. */
    AUTO;

    /**
     * Parses a provider name as users type it ({@code embedded}, {@code testcontainers}, {@code external},
     * {@code auto}), ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the allowed values
     */
    public static DatabaseProvider parse(String value) {
        for (DatabaseProvider provider : values()) {
            if (provider.name().equalsIgnoreCase(value.trim())) {
                return provider;
            }
        }
        throw new IllegalArgumentException("Unknown database provider '" + value + "'; allowed values: " + allowedValues());
    }

    /** The allowed values, lower case, comma separated, for messages. */
    public static String allowedValues() {
        return Arrays.stream(values()).map(DatabaseProvider::displayName).collect(Collectors.joining(", "));
    }

    /** The name users type. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
