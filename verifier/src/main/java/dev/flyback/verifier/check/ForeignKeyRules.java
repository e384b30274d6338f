package dev.flyback.verifier.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;

/**
 * Foreign keys that are declared wrong, whatever the data: one that repeats another (same columns, same target),
 * {@code ON DELETE SET NULL} on a column that cannot be NULL, and one still {@code NOT VALID} when the history ends.
 */
final class ForeignKeyRules {

    /** Pairs of foreign keys on the same columns to the same target: the later one (by OID) repeats the first. */
    private static final String DUPLICATES = """
            SELECT n.nspname, t.relname, d.conname, o.conname, pg_get_constraintdef(d.oid)
              FROM pg_constraint d JOIN pg_constraint o
                ON o.conrelid = d.conrelid AND o.contype = 'f' AND o.oid < d.oid AND o.confrelid = d.confrelid
               AND (SELECT array_agg(x ORDER BY x) FROM unnest(o.conkey) x)
                   = (SELECT array_agg(x ORDER BY x) FROM unnest(d.conkey) x)
               AND (SELECT array_agg(x ORDER BY x) FROM unnest(o.confkey) x)
                   = (SELECT array_agg(x ORDER BY x) FROM unnest(d.confkey) x)
              JOIN pg_class t ON t.oid = d.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE d.contype = 'f' AND d.conparentid = 0
               AND COALESCE(n.nspname || '.' || t.relname = ANY (?::text[]), true)
             ORDER BY 1, 2, 3, 4
            """;

    /**
     * Foreign keys whose {@code ON DELETE} or {@code ON UPDATE} sets NULL a column declared NOT NULL (the column list
     * of {@code SET NULL (col)}, PostgreSQL 15+, read from the row as JSON so that one query serves 14 too).
     */
    private static final String SET_NULL_ON_NOT_NULL = """
            SELECT n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid),
                   string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
                   CASE WHEN c.confdeltype = 'n' THEN 'ON DELETE' ELSE 'ON UPDATE' END
              FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
              JOIN pg_namespace n ON n.oid = t.relnamespace
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnotnull
               AND a.attnum = ANY (CASE WHEN c.confdeltype = 'n'
                                         AND jsonb_typeof(to_jsonb(c) -> 'confdelsetcols') = 'array'
                                         AND jsonb_array_length(to_jsonb(c) -> 'confdelsetcols') > 0
                                        THEN ARRAY(SELECT x::int2 FROM jsonb_array_elements_text(
                                                       to_jsonb(c) -> 'confdelsetcols') x)
                                        ELSE c.conkey END)
             WHERE c.contype = 'f' AND c.conparentid = 0 AND (c.confdeltype = 'n' OR c.confupdtype = 'n')
               AND COALESCE(n.nspname || '.' || t.relname = ANY (?::text[]), true)
             GROUP BY n.nspname, t.relname, c.conname, c.oid, c.confdeltype
             ORDER BY 1, 2, 3
            """;

    /** Foreign keys not validated, with their table. */
    private static final String NOT_VALIDATED = """
            SELECT n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid)
              FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE c.contype = 'f' AND NOT c.convalidated AND c.conparentid = 0
               AND n.nspname NOT IN ('pg_catalog', 'information_schema')
             ORDER BY 1, 2, 3
            """;

    private ForeignKeyRules() {
    }

    /** The duplicate and SET NULL findings about the tables a revision touched. */
    static List<Finding> run(CheckContext context) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        Revision revision = context.revision();
        IndexChecks.query(context, DUPLICATES, row -> {
            String table = qualified(row.getString(1), row.getString(2));
            String duplicate = row.getString(3);
            findings.add(FindingMessages.schemaRule(FindingType.FK_DUPLICATE, revision,
                    object(row.getString(1), row.getString(2), duplicate),
                    ScriptLines.find(revision.file(), List.of(List.of(duplicate), List.of("foreign key",
                            "references"))),
                    "foreign key " + Identifiers.quote(duplicate) + " on " + table + " repeats "
                            + Identifiers.quote(row.getString(4)) + " (same columns, same target): every write "
                            + "checks the same rows twice", Optional.of(row.getString(5)),
                    "add to " + revision.script() + "\nALTER TABLE " + table + " DROP CONSTRAINT "
                            + Identifiers.quote(duplicate) + ";"));
        });
        IndexChecks.query(context, SET_NULL_ON_NOT_NULL, row -> {
            String table = qualified(row.getString(1), row.getString(2));
            String name = row.getString(3);
            String columns = row.getString(5);
            String action = row.getString(6);
            findings.add(FindingMessages.schemaRule(FindingType.FK_SET_NULL_ON_NOT_NULL, revision,
                    object(row.getString(1), row.getString(2), name),
                    ScriptLines.find(revision.file(), List.of(List.of(name), List.of("set null"))),
                    "foreign key " + Identifiers.quote(name) + " on " + table + " sets " + columns + " to NULL "
                            + action + ", but " + columns + " cannot be NULL: every such "
                            + action.substring(3).toLowerCase(java.util.Locale.ROOT) + " of a referenced row fails",
                    Optional.of(row.getString(4)), "add to " + revision.script() + "\nALTER TABLE " + table
                            + " ALTER COLUMN " + columns.split(", ")[0] + " DROP NOT NULL;"
                            + (columns.contains(", ") ? "\n(and the same for " + columns.substring(
                            columns.indexOf(", ") + 2) + ")" : "")
                            + "\n(or, if the rows should go with the row they reference, declare the foreign key "
                            + action + " CASCADE instead)"));
        });
        return findings;
    }

    /**
     * Foreign keys still NOT VALID once the whole history has run: the rows that existed when they were added were
     * never checked, and PostgreSQL cannot rely on them. Adding one NOT VALID and validating it in a later migration is
     * the safe way to add a foreign key to a big table, so only one never validated is a finding, reported at the
     * revision that last added or changed it ({@code revisions} with what each changed, oldest first).
     */
    static List<Finding> notValidatedAtHead(Connection connection, List<Revision> revisions,
                                            Function<Revision, List<SchemaDifference>> changes,
                                            Set<String> judged) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        if (revisions.isEmpty()) {
            return findings;
        }
        Revision head = revisions.get(revisions.size() - 1);
        try (PreparedStatement statement = connection.prepareStatement(NOT_VALIDATED);
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                String schema = row.getString(1);
                String tableName = row.getString(2);
                String name = row.getString(3);
                Optional<Revision> added = revisions.stream().filter(r -> changes.apply(r).stream().anyMatch(c ->
                        c.subject().type() == ObjectType.CONSTRAINT && c.subject().schema().equals(schema)
                                && c.subject().table().equals(Optional.of(tableName))
                                && c.subject().name().equals(name))).reduce((a, b) -> b);
                if (added.isEmpty() || !judged.contains(added.get().version())) {
                    continue;
                }
                String table = qualified(schema, tableName);
                findings.add(FindingMessages.schemaRule(FindingType.FK_NOT_VALIDATED, added.get(),
                        object(schema, tableName, name), ScriptLines.find(added.get().file(),
                                List.of(List.of(name), List.of("not valid"))),
                        "foreign key " + Identifiers.quote(name) + " on " + table + " is still NOT VALID after "
                                + head.displayName() + ", the last revision: the rows it found were never checked",
                        Optional.of(row.getString(4)), "validate it in a migration after " + head.script()
                                + " (VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE: reads and writes go on):\n"
                                + "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + Identifiers.quote(name) + ";"));
            }
        }
        return findings;
    }

    private static String object(String schema, String table, String name) {
        return Identifiers.quoteAlways(schema) + "." + Identifiers.quoteAlways(table) + "."
                + Identifiers.quoteAlways(name);
    }

    private static String qualified(String schema, String name) {
        return Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }
}
