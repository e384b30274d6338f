package dev.flyback.verifier.snapshot;

import java.util.Locale;

import org.apiguardian.api.API;

/**
 * The kinds of schema object a {@link SchemaSnapshot} covers.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ObjectType {
    SCHEMA, EXTENSION, ENUM, DOMAIN, TYPE, SEQUENCE, TABLE, COLUMN, CONSTRAINT, INDEX, VIEW, MATERIALIZED_VIEW,
    FUNCTION, PROCEDURE, AGGREGATE, TRIGGER, POLICY, RULE;

    /** The words PostgreSQL uses for this kind: {@code materialized view}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
