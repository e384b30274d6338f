package dev.flyback.verifier.internal.data;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.flyback.verifier.internal.data.DataFingerprint.ColumnData;
import dev.flyback.verifier.internal.data.DataFingerprint.TableData;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * Reads a {@link DataFingerprint} in one statement: for each table one scan for its row count and one for its
 * columns, unpivoted, so that the cost is a few scans of small tables whatever their width.
 */
final class DataReader {
    /** Tables per statement: keeps each statement's text and plan small. */
    private static final int TABLES_PER_STATEMENT = 100;

    private DataReader() {
    }

    static DataFingerprint read(Connection connection, SchemaSnapshot schema) throws SQLException {
        return read(connection, schema, table -> true);
    }

    /** The fingerprint of the tables {@code which} accepts only. */
    static DataFingerprint read(Connection connection, SchemaSnapshot schema,
                                java.util.function.Predicate<SchemaObject> which) throws SQLException {
        return read(connection, schema, which, columns(schema));
    }

    /** Like {@link #read(Connection, SchemaSnapshot, java.util.function.Predicate)}, given the schema's columns. */
    static DataFingerprint read(Connection connection, SchemaSnapshot schema,
                                java.util.function.Predicate<SchemaObject> which, Columns all) throws SQLException {
        List<SchemaObject> tables = dataTables(schema).stream().filter(which).toList();
        if (tables.isEmpty()) {
            return new DataFingerprint(new TreeMap<>());
        }
        Map<String, Long> rows = new HashMap<>();
        Map<String, Map<String, ColumnData>> columns = new HashMap<>();
        Map<String, Map<String, String>> types = new HashMap<>();
        for (SchemaObject table : tables) {
            types.put(table.sqlName(), all.types().getOrDefault(table.sqlName(), new TreeMap<>()));
            columns.put(table.sqlName(), new TreeMap<>());
        }
        Map<String, String> identities = all.identities();
        for (int from = 0; from < tables.size(); from += TABLES_PER_STATEMENT) {
            List<SchemaObject> chunk = tables.subList(from, Math.min(tables.size(), from + TABLES_PER_STATEMENT));
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(sql(chunk, types))) {
                while (result.next()) {
                    String table = result.getString(1);
                    String column = result.getString(2);
                    if (column == null) {
                        rows.put(table, result.getLong(3));
                    } else {
                        columns.get(table).put(column, new ColumnData(types.get(table).get(column), result.getLong(3),
                                result.getString(4), identities.getOrDefault(table + "." + column, "")));
                    }
                }
            }
        }
        Map<String, TableData> data = new TreeMap<>();
        for (SchemaObject table : tables) {
            Map<String, ColumnData> read = columns.get(table.sqlName());
            types.get(table.sqlName()).forEach((column, type) -> read.putIfAbsent(column, new ColumnData(type, 0, "0",
                    identities.getOrDefault(table.sqlName() + "." + column, ""))));
            data.put(table.sqlName(), new TableData(rows.getOrDefault(table.sqlName(), 0L), new TreeMap<>(read),
                    table.identity()));
        }
        return new DataFingerprint(new TreeMap<>(data));
    }

    /**
     * Every table's columns: their types by the table's {@link SchemaObject#sqlName()} and column name, and their
     * identities by {@code sqlName.column}.
     *
     * @param types the columns' types, table by table
     * @param identities the columns' identities
     */
    record Columns(Map<String, Map<String, String>> types, Map<String, String> identities) {
    }

    /**
     * The schema's {@link Columns}, in one pass over the snapshot (looking each table's columns up on its own would
     * cost the whole snapshot per table). A snapshot lists a table's columns one after the other, so each table's
     * name is quoted once: quoting every column's table name, in two passes, was a fifth of the seeded run's own CPU
     * time at 1000 revisions (issue 18, sampled with JFR).
     */
    static Columns columns(SchemaSnapshot schema) {
        Map<String, Map<String, String>> types = new HashMap<>();
        Map<String, String> identities = new HashMap<>();
        String schemaName = null;
        String tableName = null;
        String table = null;
        Map<String, String> ofTable = null;
        for (SchemaObject column : schema.objects(ObjectType.COLUMN)) {
            String owner = column.table().orElseThrow();
            if (!column.schema().equals(schemaName) || !owner.equals(tableName)) {
                schemaName = column.schema();
                tableName = owner;
                table = Identifiers.quote(schemaName) + "." + Identifiers.quote(owner);
                ofTable = types.computeIfAbsent(table, t -> new TreeMap<>());
            }
            ofTable.put(column.name(), column.property("type").orElse(""));
            identities.put(table + "." + column.name(), column.identity());
        }
        return new Columns(types, identities);
    }

    /** Tables that hold rows of their own: not foreign, not temporary. */
    static List<SchemaObject> dataTables(SchemaSnapshot schema) {
        return schema.objects(ObjectType.TABLE).stream()
                .filter(t -> !t.property("kind").orElse("table").equals("foreign table"))
                .filter(t -> !t.property("persistence").orElse("").equals("temporary"))
                .toList();
    }

    private static String sql(List<SchemaObject> tables, Map<String, Map<String, String>> types) {
        List<String> parts = new ArrayList<>();
        for (SchemaObject table : tables) {
            String name = literal(table.sqlName());
            String from = quoted(table) + " x";
            parts.add("SELECT " + name + ", NULL::text, count(*), NULL::text FROM " + from);
            List<String> values = types.get(table.sqlName()).keySet().stream()
                    .map(c -> "(" + literal(c) + ", x." + Identifiers.quoteAlways(c) + "::text)").toList();
            if (!values.isEmpty()) {
                parts.add("SELECT " + name + ", u.c, count(u.v), coalesce(sum(hashtextextended(u.v, 0)), 0)::text"
                        + " FROM " + from + " CROSS JOIN LATERAL (VALUES " + String.join(", ", values)
                        + ") u(c, v) GROUP BY u.c");
            }
        }
        return String.join("\nUNION ALL\n", parts);
    }

    static String quoted(SchemaObject table) {
        return Identifiers.quoteAlways(table.schema()) + "." + Identifiers.quoteAlways(table.name());
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
