package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.flyback.verifier.migration.ExecutedStatement;
import dev.flyback.verifier.migration.MigrationFailure;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * Judges an up that passes on empty tables but failed once they held Flyback's synthetic rows: does it fail with
 * any rows, as it will in production, or only with the values Flyback made up?
 *
 * <p>With any rows: a NOT NULL column the revision adds without a default, or sets NOT NULL on after adding it
 * (every existing row holds NULL there), and a unique index or constraint on a column the revision adds, or on
 * values a statement of the revision wrote just before (the duplicates are the revision's own). Everything else
 * depends on the values: a foreign key Flyback's rows do not meet, a value out of a range, a check the revision
 * adds; real data may not do that, so it is a warning that says so.
 *
 * @since 0.3
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class RowFailures {
    private static final Pattern NULL_COLUMN = Pattern.compile("column \"([^\"]+)\" of relation \"([^\"]+)\"");
    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "^FOREIGN KEY \\((.+?)\\) REFERENCES (.+?)\\((.+?)\\)");

    private RowFailures() {
    }

    /**
     * Whether the up fails with any rows in its tables, not only with Flyback's values.
     *
     * @param failure how the up failed on seeded rows
     * @param ran the statements it ran before the failing one
     * @param before the schema before the revision
     * @param after the schema after the revision, applied to empty tables
     */
    public static boolean failsWithAnyRow(MigrationFailure failure, List<ExecutedStatement> ran,
                                          SchemaSnapshot before, SchemaSnapshot after) {
        String state = failure.sqlState().orElse("");
        String statement = Statements.normalize(failure.statement().orElse(""));
        if (state.equals("23502")) {
            Matcher named = NULL_COLUMN.matcher(failure.message());
            if (named.find()) {
                return !hasColumn(before, named.group(2), named.group(1));
            }
            return statement.matches(".* ADD (COLUMN )?.* NOT NULL.*") && !statement.contains(" DEFAULT ");
        }
        if (state.equals("23505") && (statement.contains("UNIQUE") || statement.contains("PRIMARY KEY"))) {
            Optional<String> table = Statements.workTarget(statement);
            Set<String> columns = keyColumns(after, table);
            // Only a key on plain columns the revision added fails on any two rows; a key on an expression (one
            // row only: ((true))) or on columns that held values before depends on what the rows hold.
            boolean newColumn = table.isPresent() && columns.stream().allMatch(c -> c.matches("[a-z_][a-z0-9_$]*"))
                    && columns.stream().anyMatch(c -> !hasColumn(before, table.get(), c));
            boolean written = table.isPresent() && ran.stream().map(s -> Statements.normalize(s.sql()))
                    .anyMatch(s -> s.startsWith("UPDATE") && Statements.target(s).equals(table));
            return newColumn || written;
        }
        return false;
    }

    /**
     * The foreign keys in {@code after} that {@code before} does not have, between tables that both existed before
     * the revision: seeded rows meet them only when the seeder knows them in advance.
     */
    public static List<SchemaObject> newForeignKeys(SchemaSnapshot before, SchemaSnapshot after) {
        Set<String> had = before.objects(ObjectType.CONSTRAINT).stream().map(SchemaObject::key)
                .collect(Collectors.toSet());
        Set<String> tables = before.objects(ObjectType.TABLE).stream().map(SchemaObject::sqlName)
                .collect(Collectors.toSet());
        return after.objects(ObjectType.CONSTRAINT).stream()
                .filter(c -> "FOREIGN KEY".equals(c.property("kind").orElse("")) && !had.contains(c.key()))
                .filter(c -> c.sqlTable().filter(tables::contains).isPresent())
                .filter(c -> referenced(c).filter(r -> tables.contains(r) || tables.contains("public." + r))
                        .isPresent())
                .toList();
    }

    /** The table a foreign key constraint references, as its definition names it. */
    private static Optional<String> referenced(SchemaObject constraint) {
        Matcher matcher = FOREIGN_KEY.matcher(constraint.property("definition").orElse(""));
        return matcher.find() ? Optional.of(matcher.group(2).strip()) : Optional.empty();
    }

    /** The columns of the unique keys and indexes on {@code table} (as SQL names it) in {@code schema}. */
    private static Set<String> keyColumns(SchemaSnapshot schema, Optional<String> table) {
        if (table.isEmpty()) {
            return Set.of();
        }
        return schema.objects(ObjectType.INDEX).stream()
                .filter(i -> "true".equals(i.property("unique").orElse("")) && matches(i, table.get()))
                .flatMap(i -> List.of(i.property("columns").orElse("").split(",\\s*")).stream())
                .map(c -> c.replace("\"", "").strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static boolean hasColumn(SchemaSnapshot schema, String table, String column) {
        return schema.objects(ObjectType.COLUMN).stream().anyMatch(c -> matches(c, table)
                && c.name().equalsIgnoreCase(column));
    }

    /** Whether an object belongs to the table {@code name} ({@code orders} or {@code sales.orders}, any case). */
    private static boolean matches(SchemaObject object, String name) {
        String table = object.table().orElse("");
        String lower = name.replace("\"", "").toLowerCase(Locale.ROOT);
        return table.equalsIgnoreCase(lower) || (object.schema() + "." + table).equalsIgnoreCase(lower);
    }
}
