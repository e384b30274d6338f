package dev.flyback.verifier.internal.data;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * A table Flyback could not fill with synthetic rows, and why: data loss in it is not proven with rows.
 *
 * @param table the table's SQL name
 * @param reason what stood in the way, in PostgreSQL's words where it refused
 * @param rows how many rows the table holds after seeding (0: it could not be filled at all)
 * @param wanted how many rows Flyback wanted it to hold
 * @since 0.2
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record SeedGap(String table, String reason, long rows, long wanted) {
    public SeedGap {
        requireNonNull(table, "table must not be null");
        requireNonNull(reason, "reason must not be null");
    }

    /** A table that could not be filled at all. */
    public SeedGap(String table, String reason) {
        this(table, reason, 0, 0);
    }
}
