package dev.flyback.verifier.finding;

import java.util.Locale;

import org.apiguardian.api.API;

/**
 * How bad a finding is. {@code --fail-on} compares against it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Severity {
    INFO, WARNING, ERROR;

    /** Whether this severity is at least {@code threshold}. */
    public boolean isAtLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }

    /** The lower-case name used in reports: {@code error}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code error}, {@code warning} or {@code info}, ignoring case. */
    public static Severity parse(String value) {
        for (Severity severity : values()) {
            if (severity.name().equalsIgnoreCase(value.trim())) {
                return severity;
            }
        }
        throw new IllegalArgumentException("Unknown severity '" + value + "'; allowed values: error, warning, info");
    }
}
