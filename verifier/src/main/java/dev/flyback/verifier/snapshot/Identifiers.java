package dev.flyback.verifier.snapshot;

import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * Quotes identifiers the way PostgreSQL does.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Identifiers {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private Identifiers() {
    }

    /** Always in double quotes: {@code "public"}. */
    public static String quoteAlways(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** In double quotes only when PostgreSQL needs them (upper case, spaces, leading digits). */
    public static String quote(String identifier) {
        return PLAIN.matcher(identifier).matches() ? identifier : quoteAlways(identifier);
    }
}
