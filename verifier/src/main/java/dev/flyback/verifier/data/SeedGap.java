package dev.flyback.verifier.data;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * A table Flyback could not fill with synthetic rows, and why: data loss in it is not proven with rows.
 *
 * @param table the table's SQL name
 * @param reason what stood in the way, in PostgreSQL's words where it refused
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record SeedGap(String table, String reason) {
    public SeedGap {
        requireNonNull(table, "table must not be null");
        requireNonNull(reason, "reason must not be null");
    }
}
