package dev.flyback.verifier.snapshot;

import org.apiguardian.api.API;

/**
 * Quotes identifiers the way PostgreSQL does.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Identifiers {
    private Identifiers() {
    }

    /** Always in double quotes: {@code "public"}. */
    public static String quoteAlways(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** In double quotes only when PostgreSQL needs them (upper case, spaces, leading digits). */
    public static String quote(String identifier) {
        return plain(identifier) ? identifier : quoteAlways(identifier);
    }

    /**
     * Whether the identifier is {@code [a-z_][a-z0-9_$]*}, tested character by character: a regular expression's
     * matcher per call made this the hottest method of a seeded run (a fifth of its own CPU samples at 1000
     * revisions, issue 18), since snapshots and fingerprints name every table and column this way.
     */
    private static boolean plain(String identifier) {
        if (identifier.isEmpty()) {
            return false;
        }
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            boolean start = c >= 'a' && c <= 'z' || c == '_';
            if (!start && (i == 0 || !(c >= '0' && c <= '9' || c == '$'))) {
                return false;
            }
        }
        return true;
    }
}
