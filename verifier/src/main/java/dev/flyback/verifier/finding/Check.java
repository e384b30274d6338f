package dev.flyback.verifier.finding;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

/**
 * The checks Flyback runs per revision. Each finding belongs to one of them.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Check {
    /** The undo restores the schema from before the revision. */
    REVERSIBILITY,
    /** Applying the revision again after its undo works and gives the same schema. */
    REAPPLY,
    /** Foreign keys are indexed and typed like their targets; tables have primary keys; no redundant indexes. */
    INDEXES,
    /** Statements that can destroy data: dropped tables and columns, narrowing types, unfiltered deletes. */
    DATA_LOSS,
    /** Locks that block production traffic, traced in each up and undo step's own transaction. */
    ONLINE,
    /**
     * Versions and checksums agree with a reference history (a git reference or a database Flyway migrated):
     * nothing out of order, nothing released edited or deleted. Runs only when a reference is given.
     */
    HISTORY;

    /** The name users type: {@code reversibility}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a check name, naming the allowed values when it is wrong. */
    public static Check parse(String value) {
        for (Check check : values()) {
            if (check.id().equalsIgnoreCase(value.trim())) {
                return check;
            }
        }
        throw new IllegalArgumentException("Unknown check '" + value + "'; allowed values: " + allowedValues());
    }

    /** The allowed values, comma separated. */
    public static String allowedValues() {
        return Arrays.stream(values()).map(Check::id).collect(Collectors.joining(", "));
    }
}
