package dev.flyback.verifier.snapshot;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Comparator;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apiguardian.api.API;

/**
 * One object of a schema snapshot: its kind, where it lives, and its properties as PostgreSQL describes them.
 *
 * <p>Properties are the catalog's own words: a column's {@code type} is {@code character varying(50)}, an index's
 * {@code definition} is what {@code pg_get_indexdef} prints. Two objects are equal when kind, name and every
 * property are equal, wherever they were read.
 *
 * <p>The {@code identity} is PostgreSQL's own numbering of the object in the database it was read from (its OID, a
 * column's table OID and attnum): it survives a rename, so that a rename can be told from a drop and an add. It
 * means nothing across databases, and equality ignores it: a table dropped and created again as it was is equal.
 *
 * @param type the kind of object
 * @param schema the schema it lives in
 * @param table the table it belongs to (columns, constraints, indexes, triggers, policies, rules)
 * @param name its name
 * @param arguments the argument types, for functions, procedures and aggregates
 * @param properties its properties, sorted by key
 * @param identity PostgreSQL's number for it in its database ({@code c:16385}, {@code c:16385.2} for a column),
 *                 or empty when unknown
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SchemaObject(ObjectType type, String schema, Optional<String> table, String name,
                           Optional<String> arguments, SortedMap<String, String> properties, String identity)
        implements Comparable<SchemaObject> {

    private static final Comparator<SchemaObject> ORDER = Comparator.comparing(SchemaObject::type)
            .thenComparing(SchemaObject::qualifiedName);

    public SchemaObject {
        requireNonNull(type, "type must not be null");
        requireNonNull(schema, "schema must not be null");
        requireNonNull(table, "table must not be null");
        requireNonNull(name, "name must not be null");
        requireNonNull(arguments, "arguments must not be null");
        properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
        requireNonNull(identity, "identity must not be null");
    }

    /** An object without a known identity. */
    public SchemaObject(ObjectType type, String schema, Optional<String> table, String name,
                        Optional<String> arguments, SortedMap<String, String> properties) {
        this(type, schema, table, name, arguments, properties, "");
    }

    /** The same object under another name, in another table or schema (a rename), keeping its identity. */
    public SchemaObject renamed(String newSchema, Optional<String> newTable, String newName) {
        return new SchemaObject(type, newSchema, newTable, newName, arguments, properties, identity);
    }

    /** Equal when kind, place, name, arguments and properties are equal; the identity is not compared. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SchemaObject that && type == that.type && schema.equals(that.schema)
                && table.equals(that.table) && name.equals(that.name) && arguments.equals(that.arguments)
                && properties.equals(that.properties);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(type, schema, table, name, arguments, properties);
    }

    /** The name as PostgreSQL quotes it, fully qualified: {@code "public"."users"."email"}. */
    public String qualifiedName() {
        if (type.naming() == ObjectType.Naming.AS_WRITTEN) {
            return name;
        }
        if (type.naming() == ObjectType.Naming.DATABASE) {
            return Identifiers.quoteAlways(name);
        }
        StringBuilder name = new StringBuilder(Identifiers.quoteAlways(schema));
        table.ifPresent(t -> name.append('.').append(Identifiers.quoteAlways(t)));
        name.append('.').append(Identifiers.quoteAlways(this.name));
        arguments.ifPresent(args -> name.append('(').append(args).append(')'));
        return name.toString();
    }

    /** The name to write in SQL: {@code public.users}, quoted only where PostgreSQL needs it. */
    public String sqlName() {
        if (type.naming() == ObjectType.Naming.AS_WRITTEN) {
            return name;
        }
        if (type.naming() == ObjectType.Naming.DATABASE) {
            return Identifiers.quote(name);
        }
        String qualified = Identifiers.quote(schema) + "." + Identifiers.quote(name);
        return arguments.map(args -> qualified + "(" + args + ")").orElse(qualified);
    }

    /** The table it belongs to as SQL writes it, if it belongs to one. */
    public Optional<String> sqlTable() {
        return table.map(t -> Identifiers.quote(schema) + "." + Identifiers.quote(t));
    }

    /** A property's value, if the object has it. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** Identifies the object across snapshots: kind plus qualified name. */
    public String key() {
        return type + " " + qualifiedName();
    }

    /** For humans: {@code index "public"."ix_research_status"}. */
    public String describe() {
        return type.displayName() + " " + qualifiedName();
    }

    @Override
    public int compareTo(SchemaObject other) {
        return ORDER.compare(this, other);
    }
}
