package dev.flyback.verifier.snapshot;

import java.util.Locale;

import org.apiguardian.api.API;

/**
 * The kinds of schema object a {@link SchemaSnapshot} covers. The kinds read from a catalog of their own are declared
 * whole, with their query and their fix, by an {@link ObjectKind} listed in {@link ObjectKinds}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ObjectType {
    SCHEMA(Naming.DATABASE), EXTENSION(Naming.DATABASE), ENUM, DOMAIN, TYPE, SEQUENCE, TABLE, COLUMN, CONSTRAINT,
    INDEX, VIEW, MATERIALIZED_VIEW, FUNCTION, PROCEDURE, AGGREGATE, TRIGGER, POLICY, RULE,
    PUBLICATION(Naming.DATABASE), EVENT_TRIGGER(Naming.DATABASE), CAST(Naming.AS_WRITTEN), OPERATOR,
    TEXT_SEARCH_CONFIGURATION, TEXT_SEARCH_DICTIONARY, DEFAULT_PRIVILEGES(Naming.AS_WRITTEN), COLLATION, CONVERSION,
    STATISTICS, FOREIGN_DATA_WRAPPER(Naming.DATABASE), SERVER(Naming.DATABASE);

    /** How an object of the kind is named. */
    public enum Naming {
        /** In a schema (and maybe a table): {@code "public"."users"}. */
        SCHEMA,
        /** On its own in the database: {@code "audit"}. */
        DATABASE,
        /** By a phrase PostgreSQL's own commands use, written as it is: {@code (text AS public.email)}. */
        AS_WRITTEN
    }

    private final Naming naming;

    ObjectType() {
        this(Naming.SCHEMA);
    }

    ObjectType(Naming naming) {
        this.naming = naming;
    }

    /** How an object of this kind is named. */
    public Naming naming() {
        return naming;
    }

    /** The words PostgreSQL uses for this kind: {@code materialized view}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
