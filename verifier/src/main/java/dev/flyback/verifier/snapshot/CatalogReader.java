package dev.flyback.verifier.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import org.apiguardian.api.API;

/**
 * Reads a {@link SchemaSnapshot} from PostgreSQL's catalog in one round trip.
 *
 * <p>This is the fast path that runs three times per revision, so it asks the catalog for every object's
 * definition at once ({@code pg_get_indexdef}, {@code pg_get_constraintdef}, {@code pg_get_functiondef}, ...)
 * instead of crawling object by object. Objects that belong to extensions are described by the extension alone.
 * Names that carry OIDs (PostgreSQL 18's NOT NULL constraints) are left out: nullability is a column property.
 * Privileges are normalised (the default ACL is spelled out, items sorted), so that a GRANT undone by a REVOKE
 * compares equal.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CatalogReader {

    /** This reader, as a {@link SnapshotReader}. */
    public static final SnapshotReader READER = new SnapshotReader() {
        @Override
        public SchemaSnapshot read(Connection connection, Collection<String> excludedTables) throws SQLException {
            return CatalogReader.read(connection, excludedTables);
        }

        @Override
        public String id() {
            return "catalog";
        }
    };

    private CatalogReader() {
    }

    /**
     * Reads every user schema of the connected database.
     *
     * @param connection an open connection to the database
     * @param excludedTables table names to leave out wherever they are (Flyway's history tables)
     */
    public static SchemaSnapshot read(Connection connection, Collection<String> excludedTables) throws SQLException {
        List<SchemaObject> objects = new ArrayList<>();
        read(connection, excludedTables, null, (unit, object) -> objects.add(object));
        return new SchemaSnapshot(objects);
    }

    /**
     * Reads the objects of some units ({@code c:<oid>} a relation with everything on it, {@code p:} a function,
     * {@code t:} a type, {@code n:} a schema, {@code e:} an extension, {@code <catalog>:} an {@link ObjectKind}'s
     * object), or of all when {@code units} is null.
     */
    static void read(Connection connection, Collection<String> excludedTables, Collection<String> units,
                     BiConsumer<String, SchemaObject> sink) throws SQLException {
        Optional<String> sql = units == null ? Optional.of(CatalogQuery.SQL) : CatalogQuery.some(units);
        if (sql.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.get())) {
            statement.setArray(1, connection.createArrayOf("text", excludedTables.toArray()));
            String prefixes = "cptne";
            for (int i = 0; units != null && i < prefixes.length(); i++) {
                String prefix = prefixes.charAt(i) + ":";
                statement.setArray(i + 2, connection.createArrayOf("bigint", units.stream()
                        .filter(u -> u.startsWith(prefix)).map(u -> Long.valueOf(u.substring(2))).toArray()));
            }
            if (units != null) {
                statement.setArray(prefixes.length() + 2, connection.createArrayOf("text", units.toArray()));
            }
            try (ResultSet rows = statement.executeQuery()) {
                collect(rows, sink);
            }
        }
    }

    private static void collect(ResultSet rows, BiConsumer<String, SchemaObject> sink) throws SQLException {
        String currentKey = null;
        Row current = null;
        String currentUnit = null;
        TreeMap<String, String> properties = new TreeMap<>();
        while (rows.next()) {
            Row row = new Row(ObjectType.valueOf(rows.getString(1)), rows.getString(2),
                    Optional.ofNullable(rows.getString(3)), rows.getString(4), Optional.ofNullable(rows.getString(5)),
                    rows.getString(9));
            String key = row.type + "\u0000" + row.schema + "\u0000" + row.table.orElse("") + "\u0000" + row.name
                    + "\u0000" + row.arguments.orElse("");
            if (!key.equals(currentKey)) {
                if (current != null) {
                    sink.accept(currentUnit, current.toObject(properties));
                }
                currentKey = key;
                current = row;
                currentUnit = rows.getString(8);
                properties = new TreeMap<>();
            }
            String property = rows.getString(6);
            String value = rows.getString(7);
            if (property != null && value != null) {
                properties.put(property, value);
            }
        }
        if (current != null) {
            sink.accept(currentUnit, current.toObject(properties));
        }
    }

    private record Row(ObjectType type, String schema, Optional<String> table, String name,
                       Optional<String> arguments, String identity) {
        SchemaObject toObject(TreeMap<String, String> properties) {
            return new SchemaObject(type, schema, table, name, arguments, properties, identity);
        }
    }
}
