package dev.flyback.verifier.check;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.snapshot.Identifiers;

/**
 * Foreign keys and indexes, checked against {@code pg_index} itself: SchemaCrawler's linter ignores column order and
 * partial predicates, so an FK on (a) with only an index on (b, a), or only a partial index, would pass it.
 */
final class IndexChecks {
    private final CheckContext context;
    private final List<Finding> findings = new ArrayList<>();

    private IndexChecks(CheckContext context) {
        this.context = context;
    }

    static List<Finding> run(CheckContext context) throws SQLException {
        IndexChecks checks = new IndexChecks(context);
        if (context.judgedTables().map(Set::isEmpty).orElse(false)) {
            return checks.findings;
        }
        checks.foreignKeys();
        checks.tablesWithoutPrimaryKey();
        checks.redundantIndexes();
        checks.invalidIndexes();
        checks.missingForeignKeys();
        return checks.findings;
    }

    private void foreignKeys() throws SQLException {
        query(IndexQueries.FOREIGN_KEYS, row -> {
            String table = qualified(row.getString(1), row.getString(2));
            String name = row.getString(3);
            String columns = row.getString(4);
            Optional<Integer> line = line(List.of(List.of(name), List.of(columns.split(", ")[0], "references"),
                    List.of("references " + row.getString(5))));
            if (!row.getBoolean(6)) {
                String index = "ix_" + row.getString(2) + "_" + columns.replace(", ", "_").replace("\"", "");
                add(FindingType.FK_WITHOUT_INDEX, object(row, name), line,
                        "foreign key " + name + " on " + table + " (" + columns + ") has no index leading with "
                                + "exactly its columns, so every delete or key update in " + row.getString(5)
                                + " scans " + table,
                        Optional.empty(), "add to " + context.revision().script() + "\nCREATE INDEX "
                                + Identifiers.quote(index) + " ON " + table + " (" + columns + ");"
                                + (isNew(row.getString(1), row.getString(2)) ? "" : "\n(" + table + " existed "
                                + "before: on a big table, build it with CREATE INDEX CONCURRENTLY in a migration "
                                + "of its own instead)"));
            }
            String mismatches = row.getString(7);
            if (mismatches != null) {
                // Text types that differ in length or padding still compare and join as text: what is at stake is
                // a referenced value longer than the referencing column holds, which the data decides. Other
                // mismatches are defects whatever the data: integer referencing bigint overflows once the keys grow.
                boolean texts = row.getBoolean(9);
                findings.add(FindingMessages.schemaRule(FindingType.FK_TYPE_MISMATCH, context.revision(),
                        object(row, name), line, "foreign key " + name + " on " + table + " joins columns of "
                                + "different types: " + mismatches + (texts ? "; both are text, so it only matters "
                                + "for a referenced value longer than the referencing column holds" : ""),
                        Optional.of(mismatches), "give the referencing column the referenced column's type: add "
                                + "to " + context.revision().script() + "\n" + row.getString(8)).withSeverity(texts ? Severity.WARNING
                        : FindingType.FK_TYPE_MISMATCH.defaultSeverity()));
            }
        });
    }

    private void tablesWithoutPrimaryKey() throws SQLException {
        query(IndexQueries.TABLES_WITHOUT_PRIMARY_KEY, row -> add(FindingType.TABLE_WITHOUT_PRIMARY_KEY,
                qualifiedAlways(row.getString(1), row.getString(2)),
                line(List.of(List.of("create table", row.getString(2)))),
                "table " + qualified(row.getString(1), row.getString(2)) + " has no primary key", Optional.empty(),
                "add to " + context.revision().script() + "\n" + primaryKey(row.getString(1), row.getString(2))));
    }

    private void redundantIndexes() throws SQLException {
        query(IndexQueries.REDUNDANT_INDEXES, row -> add(FindingType.REDUNDANT_INDEX,
                qualifiedAlways(row.getString(1), row.getString(3)), line(List.of(List.of(row.getString(3)))),
                "index " + Identifiers.quote(row.getString(3)) + " on " + qualified(row.getString(1), row.getString(2))
                        + " is redundant: index " + Identifiers.quote(row.getString(4))
                        + " leads with the same columns",
                Optional.of(row.getString(5) + "\nalready served by: " + row.getString(6)),
                createdHere(row.getString(1), row.getString(3))
                        ? "leave it out of " + context.revision().script() + line(List.of(List.of(row.getString(3))))
                        .map(l -> " (line " + l + ")").orElse("") + ": " + Identifiers.quote(row.getString(4))
                        + " serves the same queries"
                        : "drop it in a migration of its own: DROP INDEX CONCURRENTLY IF EXISTS "
                        + qualified(row.getString(1), row.getString(3)) + ";"));
    }

    /** {@code id}, or {@code <table>_id} when the table has an {@code id} already. */
    private String freeColumn(String schema, String table) throws SQLException {
        try (PreparedStatement query = context.connection().prepareStatement("SELECT 1 FROM pg_attribute WHERE "
                + "attrelid = to_regclass(?) AND attname = 'id' AND NOT attisdropped")) {
            query.setString(1, qualified(schema, table));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? table + "_id" : "id";
            }
        }
    }

    /** Whether the revision created the table ({@code schema}, {@code name}): it had no rows to lock or scan. */
    private boolean isNew(String schema, String name) {
        return context.changes().stream().anyMatch(c -> c instanceof dev.flyback.verifier.diff.SchemaDifference.Added
                && c.subject().type() == dev.flyback.verifier.snapshot.ObjectType.TABLE
                && c.subject().schema().equals(schema) && c.subject().name().equals(name));
    }

    /** Whether the revision created the index ({@code schema}, {@code name}). */
    private boolean createdHere(String schema, String name) {
        return context.changes().stream().anyMatch(c -> c instanceof dev.flyback.verifier.diff.SchemaDifference.Added
                && c.subject().type() == dev.flyback.verifier.snapshot.ObjectType.INDEX
                && c.subject().schema().equals(schema) && c.subject().name().equals(name));
    }

    /**
     * A primary key for a table that has none: on columns a unique index on NOT NULL columns already keys, else a new
     * identity column.
     */
    private String primaryKey(String schema, String table) throws SQLException {
        String qualified = qualified(schema, table);
        try (PreparedStatement query = context.connection().prepareStatement(IndexQueries.KEY_CANDIDATE)) {
            query.setString(1, qualified);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    return "ALTER TABLE " + qualified + " ADD PRIMARY KEY USING INDEX " + Identifiers.quote(
                            rows.getString(1)) + ";";
                }
            }
        }
        return "ALTER TABLE " + qualified + " ADD COLUMN " + Identifiers.quote(freeColumn(schema, table))
                + " bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;";
    }

    private void invalidIndexes() throws SQLException {
        query(IndexQueries.INVALID_INDEXES, row -> add(FindingType.INVALID_INDEX,
                qualifiedAlways(row.getString(1), row.getString(3)), line(List.of(List.of(row.getString(3)))),
                "index " + qualified(row.getString(1), row.getString(3)) + " is invalid: PostgreSQL maintains it on "
                        + "every write and never uses it", Optional.of(row.getString(4)),
                "add to " + context.revision().script() + "\nREINDEX INDEX " + qualified(row.getString(1),
                        row.getString(3)) + ";\n(or drop it and build it again with CREATE INDEX CONCURRENTLY in a "
                        + "migration of its own)"));
    }

    private void missingForeignKeys() throws SQLException {
        query(IndexQueries.MISSING_FOREIGN_KEYS, row -> {
            String table = qualified(row.getString(1), row.getString(2));
            String column = Identifiers.quote(row.getString(3));
            String target = qualified(row.getString(4), row.getString(5));
            add(FindingType.MISSING_FOREIGN_KEY, qualifiedAlways(row.getString(1), row.getString(2)) + "."
                            + Identifiers.quoteAlways(row.getString(3)), line(List.of(List.of(row.getString(3)))),
                    "column " + table + "." + column + " (" + row.getString(7) + ") looks like a reference to "
                            + target + "." + Identifiers.quote(row.getString(6))
                            + " but has no foreign key: is it meant to be one?", Optional.empty(),
                    isNew(row.getString(1), row.getString(2))
                            ? "if it is, add to " + context.revision().script() + "\nALTER TABLE " + table
                            + " ADD FOREIGN KEY (" + column + ") REFERENCES " + target + ";"
                            : "if it is, add to " + context.revision().script() + "\nALTER TABLE " + table
                            + " ADD FOREIGN KEY (" + column + ") REFERENCES " + target + " NOT VALID;\n(then "
                            + "VALIDATE CONSTRAINT in a later migration: validating takes only SHARE UPDATE "
                            + "EXCLUSIVE)");
        });
    }

    private void add(FindingType type, String object, Optional<Integer> line, String summary,
                     Optional<String> actual, String fix) {
        findings.add(FindingMessages.schemaRule(type, context.revision(), object, line, summary, actual, fix));
    }

    private void query(String sql, RowConsumer consumer) throws SQLException {
        query(context, sql, consumer);
    }

    /**
     * Runs a check's query whose one parameter is the tables the revision touched ({@code schema.table}, NULL for
     * all) and whose rows name schema and table first, handing over the rows about tables the step judges.
     */
    static void query(CheckContext context, String sql, RowConsumer consumer) throws SQLException {
        try (PreparedStatement statement = context.connection().prepareStatement(sql)) {
            java.util.Optional<java.util.Set<String>> judged = context.judgedTables();
            statement.setArray(1, judged.isEmpty() ? null
                    : context.connection().createArrayOf("text", judged.get().toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (context.judges(rows.getString(1), rows.getString(2))) {
                        consumer.accept(rows);
                    }
                }
            }
        }
    }

    private Optional<Integer> line(List<List<String>> candidates) {
        return ScriptLines.find(context.revision().file(), candidates);
    }

    private static String object(ResultSet row, String name) throws SQLException {
        return qualifiedAlways(row.getString(1), row.getString(2)) + "." + Identifiers.quoteAlways(name);
    }

    private static String qualified(String schema, String name) {
        return Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    private static String qualifiedAlways(String schema, String name) {
        return Identifiers.quoteAlways(schema) + "." + Identifiers.quoteAlways(name);
    }

    /** What a check does with one row of its query. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }
}
