package dev.flyback.verifier.internal.check;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * A foreign key still {@code NOT VALID} once the whole history has run: what the last shard of a CI matrix hands
 * {@code flyback merge-reports}, which alone knows every revision's changes (issue 18).
 *
 * @param schema its table's schema
 * @param table its table
 * @param name the constraint's name
 * @param definition as PostgreSQL prints it
 * @since 0.6
 */
@API(status = API.Status.INTERNAL, since = "0.6")
public record NotValidatedKey(String schema, String table, String name, String definition) {
    public NotValidatedKey {
        requireNonNull(schema, "schema must not be null");
        requireNonNull(table, "table must not be null");
        requireNonNull(name, "name must not be null");
        requireNonNull(definition, "definition must not be null");
    }
}
