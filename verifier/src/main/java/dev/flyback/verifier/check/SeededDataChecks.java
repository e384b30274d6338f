package dev.flyback.verifier.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.flyback.verifier.data.DataFingerprint;
import dev.flyback.verifier.data.DataFingerprint.ColumnData;
import dev.flyback.verifier.data.DataFingerprint.TableData;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.migration.ExecutedStatement;

/**
 * Data loss measured with seeded rows, by comparing row counts and per-column checksums: after the up, every row
 * and value that existed before it must still be there; after the undo, the data of the schema before the revision
 * must be back exactly. What only the revision's own tables and columns held is the expected cost of rolling back.
 * Tables and columns the schema no longer has are the schema checks' business (DROPS_TABLE, MISSING_COLUMN).
 */
final class SeededDataChecks {
    private final CheckContext context;
    private final Set<String> covered;
    private final List<Finding> findings = new ArrayList<>();

    private SeededDataChecks(CheckContext context, Set<String> covered) {
        this.context = context;
        this.covered = covered;
    }

    /**
     * The findings about the step's data.
     *
     * @param covered tables and columns ({@code public.users}, {@code public.users.bio}) a static finding already
     *                reports with its counts
     */
    static List<Finding> run(CheckContext context, Set<String> covered) {
        SeededDataChecks checks = new SeededDataChecks(context, covered);
        if (context.undo()) {
            checks.roundTrip();
            checks.discarded();
        } else {
            checks.afterUp();
        }
        return checks.findings;
    }

    private void afterUp() {
        for (Map.Entry<String, TableData> entry : context.origin().tables().entrySet()) {
            String table = entry.getKey();
            TableData before = entry.getValue();
            Optional<TableData> after = context.dataAfter().table(table);
            if (after.isEmpty() || covered.contains(table)) {
                continue;
            }
            if (after.get().rows() < before.rows()) {
                Optional<ExecutedStatement> statement = statementOn(table, "DELETE", "TRUNCATE");
                add(FindingType.ROWS_LOST, table, statement, where(statement) + " deleted "
                                + (before.rows() - after.get().rows()) + " of the " + before.rows() + " rows of "
                                + table, rows(before.rows()), rows(after.get().rows()),
                        "if the rows are meant to go, say so with a suppression comment; else narrow the WHERE "
                                + "clause, or move them to an archive table first");
                continue;
            }
            before.columns().forEach((column, values) -> after.get().column(column)
                    .filter(now -> now.values() < values.values() && !covered.contains(table + "." + column))
                    .ifPresent(now -> lostValues(table, column, values, now)));
        }
    }

    private void lostValues(String table, String column, ColumnData values, ColumnData now) {
        Optional<ExecutedStatement> statement = statementOn(column, "UPDATE", "ALTER");
        add(FindingType.VALUES_LOST, table + "." + column, statement, where(statement) + " lost "
                + (values.values() - now.values()) + " of the " + values.values() + " values of " + table + "."
                + column, values(values.values()), values(now.values()), "keep the values: convert them "
                + "(USING ...) instead of nulling them, or copy them elsewhere first");
    }

    private String where(Optional<ExecutedStatement> statement) {
        return context.script() + statement.flatMap(ExecutedStatement::line).map(l -> " line " + l).orElse("");
    }

    private void roundTrip() {
        String up = "V" + context.revision().version();
        for (Map.Entry<String, TableData> entry : context.origin().tables().entrySet()) {
            String table = entry.getKey();
            TableData before = entry.getValue();
            Optional<TableData> after = context.dataAfter().table(table);
            if (after.isEmpty()) {
                continue;
            }
            if (after.get().rows() != before.rows()) {
                add(FindingType.DATA_NOT_RESTORED, table, Optional.empty(), "after " + context.script() + ", "
                                + table + " holds " + after.get().rows() + " rows; it held " + before.rows()
                                + " before " + up, rows(before.rows()), rows(after.get().rows()),
                        "make " + context.script() + " keep or restore the rows " + context.revision().script()
                                + " found; if the up deletes them, it cannot be undone: keep a copy");
                continue;
            }
            before.columns().forEach((column, was) -> after.get().column(column)
                    .ifPresent(now -> column(table, column, was, now, up)));
        }
    }

    private void column(String table, String column, ColumnData was, ColumnData now, String up) {
        String name = table + "." + column;
        if (now.values() != was.values()) {
            add(FindingType.DATA_NOT_RESTORED, name, statementOn(column, "ADD", "ALTER"), "after "
                            + context.script() + ", " + name + " holds " + now.values() + " of the " + was.values()
                            + " values it held before " + up, values(was.values()), values(now.values()),
                    now.values() == 0 ? "a column re-created by the undo comes back empty: copy the values back "
                            + "(UPDATE ... FROM) from where " + context.revision().script() + " moved them, before "
                            + "dropping that" : "values the up turned into NULL cannot come back: keep a copy "
                            + "(a backup column or table) that the undo restores from");
        } else if (now.type().equals(was.type()) && !now.checksum().equals(was.checksum())) {
            add(FindingType.DATA_NOT_RESTORED, name, statementOn(column, "UPDATE"), "after " + context.script()
                            + ", the " + was.values() + " values of " + name + " differ from before " + up
                            + " (checksum)", "values as before " + up, "other values",
                    "make " + context.script() + " convert the values back exactly, or keep the originals");
        }
    }

    private void discarded() {
        DataFingerprint before = context.dataBefore();
        for (Map.Entry<String, TableData> entry : before.tables().entrySet()) {
            String table = entry.getKey();
            Optional<TableData> origin = context.origin().table(table);
            Optional<TableData> after = context.dataAfter().table(table);
            if (origin.isEmpty()) {
                if (after.isEmpty() && entry.getValue().rows() > 0) {
                    add(FindingType.ROLLBACK_DISCARDS_DATA, table, Optional.empty(), "rolling back with "
                                    + context.script() + " discards the " + entry.getValue().rows() + " rows of "
                                    + table + ", a table only " + context.revision().script() + " creates",
                            rows(entry.getValue().rows()), "table dropped", "expected when rolling back; copy "
                                    + "the rows elsewhere first if they must survive");
                }
                continue;
            }
            entry.getValue().columns().forEach((column, data) -> {
                boolean added = origin.get().column(column).isEmpty();
                boolean gone = after.map(a -> a.column(column).isEmpty()).orElse(true);
                if (added && gone && data.values() > 0) {
                    add(FindingType.ROLLBACK_DISCARDS_DATA, table + "." + column, Optional.empty(),
                            "rolling back with " + context.script() + " discards the " + data.values()
                                    + " values of " + table + "." + column + ", a column only "
                                    + context.revision().script() + " adds", values(data.values()),
                            "column dropped", "expected when rolling back; copy the values elsewhere first if "
                                    + "they must survive");
                }
            });
        }
    }

    /** The first statement of the step that does one of the things to the named table or column. */
    private Optional<ExecutedStatement> statementOn(String name, String... verbs) {
        String simple = name.substring(name.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT).replace("\"", "");
        return context.statements().stream().filter(s -> {
            String normalized = Statements.normalize(s.sql()).replace("\"", "");
            return normalized.contains(simple) && java.util.Arrays.stream(verbs).anyMatch(normalized::startsWith);
        }).findFirst();
    }

    private void add(FindingType type, String object, Optional<ExecutedStatement> statement, String summary,
                     String expected, String actual, String fix) {
        findings.add(FindingMessages.dataRule(type, context.revision(), context.script(), object,
                statement.flatMap(ExecutedStatement::line), summary, expected, actual, fix));
    }

    private static String rows(long count) {
        return count + (count == 1 ? " row" : " rows");
    }

    private static String values(long count) {
        return count + (count == 1 ? " value" : " values");
    }
}
