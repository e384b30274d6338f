package dev.flyback.verifier.internal.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.internal.data.DataFingerprint;
import dev.flyback.verifier.internal.data.DataFingerprint.ColumnData;
import dev.flyback.verifier.internal.data.DataFingerprint.TableData;
import dev.flyback.verifier.migration.ExecutedStatement;

/**
 * Data loss measured with seeded rows, by comparing row counts and per-column checksums. Tables and columns are
 * followed by identity, so a rename keeps its data; tables and columns the schema no longer has are the schema
 * checks' business (DROPS_TABLE, MISSING_COLUMN).
 *
 * <p>After the up, rows and values that existed before it must still be there ({@code ROWS_LOST},
 * {@code VALUES_LOST}, warnings: the author may mean them to go). After the undo, each difference from the data
 * before the revision is blamed on the step that made it. Data the up left alone and the undo lost is the undo's
 * defect ({@code DATA_NOT_RESTORED}, an error), and so are rows the undo leaves behind in a table that existed
 * before, and a column the undo re-creates empty after the up moved its values elsewhere. Data the up itself
 * destroyed cannot come back: the up's finding says so ({@link #settle}), or is withdrawn when the undo restores the
 * data after all (the rows were moved, not lost). Values the up or a trigger rewrote, and that the undo leaves
 * rewritten, are one {@code DATA_REWRITTEN} warning per table. What only the revision's own tables and columns held
 * is the expected cost of rolling back ({@code ROLLBACK_DISCARDS_DATA}, information).
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

    /**
     * The up's data findings once the undo has run: a {@code ROWS_LOST} or {@code VALUES_LOST} whose data the undo
     * brought back exactly is withdrawn (the data was moved, not lost); one whose data stays lost says that the undo
     * does not bring it back.
     */
    static List<Finding> settle(List<Finding> upFindings, CheckContext undo) {
        List<Finding> settled = new ArrayList<>();
        for (Finding finding : upFindings) {
            Optional<Boolean> restored = finding.object().flatMap(object -> restored(finding.type(), object, undo));
            if (restored.isEmpty()) {
                settled.add(finding);
            } else if (!restored.get()) {
                settled.add(FindingMessages.notRestored(finding, undo.script()));
            }
        }
        return settled;
    }

    /** Whether the data a dynamic finding is about is back after the undo; empty for other findings. */
    private static Optional<Boolean> restored(FindingType type, String object, CheckContext undo) {
        DataFingerprint origin = undo.origin();
        if (type == FindingType.ROWS_LOST) {
            return origin.table(object).map(before -> undo.dataAfter().follow(object, before)
                    .map(after -> before.sameData(after.getValue())).orElse(false));
        }
        if (type == FindingType.VALUES_LOST) {
            int dot = object.lastIndexOf('.');
            String table = object.substring(0, dot);
            String column = object.substring(dot + 1);
            return origin.table(table).flatMap(before -> before.column(column).map(was -> undo.dataAfter()
                    .follow(table, before).flatMap(after -> after.getValue().follow(column, was))
                    .map(now -> now.getValue().sameValues(was)).orElse(false)));
        }
        return Optional.empty();
    }

    private void afterUp() {
        for (Map.Entry<String, TableData> entry : context.origin().tables().entrySet()) {
            String table = entry.getKey();
            TableData before = entry.getValue();
            Optional<Map.Entry<String, TableData>> followed = context.dataAfter().follow(table, before);
            if (followed.isEmpty() || covered.contains(table)) {
                continue;
            }
            TableData after = followed.get().getValue();
            if (after.rows() < before.rows()) {
                boolean recreated = !before.identity().isEmpty() && !after.identity().equals(before.identity());
                Optional<ExecutedStatement> statement = recreated ? statementOn(context.statements(), table, "DROP")
                        : statementOn(context.statements(), table, "DELETE", "TRUNCATE");
                add(FindingType.ROWS_LOST, table, statement, recreated
                                ? where(statement) + " drops and re-creates " + table + ": " + lostOf(before.rows()
                                - after.rows(), before.rows(), "rows") + " are gone"
                                : where(statement) + " deleted " + (before.rows() - after.rows()) + " of the "
                                + before.rows() + " rows of " + table, rows(before.rows()), rows(after.rows()),
                        "if the rows are meant to go, say so with a suppression comment; else narrow the WHERE "
                                + "clause, or move them to an archive table first");
                continue;
            }
            before.columns().forEach((column, values) -> after.follow(column, values)
                    .filter(now -> now.getValue().values() < values.values() && !covered.contains(table + "."
                            + column)).ifPresent(now -> lostValues(table, column, values, now.getValue())));
        }
    }

    private static String lostOf(long lost, long of, String what) {
        return lost == of ? "the " + of + " " + what + " it held" : lost + " of the " + of + " " + what;
    }

    private void lostValues(String table, String column, ColumnData values, ColumnData now) {
        Optional<ExecutedStatement> statement = statementOn(context.statements(), column, "UPDATE", "ALTER");
        add(FindingType.VALUES_LOST, table + "." + column, statement, where(statement) + " lost "
                + (values.values() - now.values()) + " of the " + values.values() + " values of " + table + "."
                + column, values(values.values()), values(now.values()), "keep the values: convert them "
                + "(USING ...) instead of nulling them, or copy them elsewhere first");
    }

    private String where(Optional<ExecutedStatement> statement) {
        return context.script() + statement.flatMap(ExecutedStatement::line).map(l -> " line " + l).orElse("");
    }

    private void roundTrip() {
        for (Map.Entry<String, TableData> entry : context.origin().tables().entrySet()) {
            String table = entry.getKey();
            TableData before = entry.getValue();
            Optional<TableData> undone = context.dataAfter().follow(table, before).map(Map.Entry::getValue);
            if (undone.isEmpty()) {
                continue;
            }
            Optional<TableData> up = context.dataBefore().follow(table, before).map(Map.Entry::getValue);
            if (undone.get().rows() != before.rows()) {
                rows(table, before, up, undone.get());
                continue;
            }
            List<String> rewritten = new ArrayList<>();
            before.columns().forEach((column, was) -> undone.get().follow(column, was)
                    .ifPresent(now -> column(table, column, was, up.flatMap(u -> u.follow(column, was))
                            .map(Map.Entry::getValue), now.getValue(), rewritten)));
            if (!rewritten.isEmpty()) {
                rewritten(table, rewritten);
            }
        }
    }

    /** A table that holds another number of rows after the undo than before the revision. */
    private void rows(String table, TableData before, Optional<TableData> up, TableData undone) {
        String upScript = context.revision().script();
        if (undone.rows() > before.rows()) {
            // Rows a data migration added and the undo leaves: not lost data. Where they break applying the
            // revision again, REUP_FAILED says so.
            rewritten(table, List.of(), undone.rows() - before.rows());
        } else if (up.isPresent() && up.get().rows() >= before.rows()) {
            // The up kept the rows; the undo lost them. Rows the up deleted are the up's finding (settle).
            Optional<ExecutedStatement> statement = statementOn(context.statements(), table, "DELETE", "TRUNCATE",
                    "DROP");
            boolean all = statement.map(s -> Statements.normalize(s.sql())).filter(s -> s.startsWith("TRUNCATE")
                    || s.startsWith("DELETE") && !Statements.hasWhere(s)).isPresent();
            boolean inserted = statementOn(context.upStatements(), table, "INSERT", "COPY").isPresent();
            String summary = "after " + context.script() + ", " + table + " holds " + undone.rows() + " rows; it held "
                    + before.rows() + " before " + up() + " and " + up.get().rows() + " after it: "
                    + context.script() + " lost " + (before.rows() - undone.rows());
            if (all && inserted) {
                // DELETE without WHERE in the undo of a revision that inserted rows: right only when the table held
                // nothing before it, which Flyback's seeded rows cannot tell.
                findings.add(FindingMessages.dataRule(FindingType.DATA_NOT_RESTORED, context.revision(),
                        context.script(), table, statement.flatMap(ExecutedStatement::line), summary + " (it "
                                + "deletes every row, not only those " + upScript + " inserted: right only if "
                                + table + " holds nothing else in production)", rows(before.rows()),
                        rows(undone.rows()), "delete only the rows " + upScript + " inserted (DELETE ... WHERE ...)")
                        .withSeverity(Severity.WARNING));
                return;
            }
            add(FindingType.DATA_NOT_RESTORED, table, statement, summary, rows(before.rows()), rows(undone.rows()),
                    "make " + context.script() + " keep the rows " + upScript + " left in place");
        }
    }

    /**
     * A column whose data after the undo differs from before the revision, judged by what the up did to it:
     * nothing (then the undo changed it), rewrote it, lost it, or dropped it. Values that are lost (fewer) are an
     * error of the step that lost them; values that are rewritten are a warning naming who rewrote them.
     */
    private void column(String table, String column, ColumnData was, Optional<ColumnData> up, ColumnData now,
                        List<String> rewritten) {
        if (now.sameValues(was) || !now.type().equals(was.type())) {
            // A type that differs is the schema checks' finding (CHANGED_COLUMN).
            return;
        }
        String name = table + "." + column;
        if (up.isPresent() && up.get().sameValues(was)) {
            if (now.values() < was.values()) {
                add(FindingType.DATA_NOT_RESTORED, name, statementOn(context.statements(), column, "UPDATE",
                        "ALTER"), "after " + context.script() + ", " + name + " " + differs(was, now) + ": "
                                + context.revision().script() + " left them alone, " + context.script()
                                + " lost " + (was.values() - now.values()), values(was.values()),
                        values(now.values()), "make " + context.script() + " leave " + name + " as "
                                + context.revision().script() + " left it");
            } else {
                rewritten.add(column);
            }
        } else if (up.isPresent()) {
            if (up.get().values() >= was.values()) {
                rewritten.add(column);
            }
            // Values the up lost are its VALUES_LOST, settled once the undo has run.
        } else if (moved(table, column)) {
            // The up read the column's values into another place before dropping it: the undo could copy them back,
            // and whatever else it fills the column with, the values are lost once it drops that place.
            add(FindingType.DATA_NOT_RESTORED, name, statementOn(context.statements(), column, "ADD", "ALTER"),
                    "after " + context.script() + ", " + (now.values() == was.values() ? "the " + was.values()
                            + " values of " + name + " differ from before " + up() + " (checksum)" : name + " holds "
                            + now.values() + " of the " + was.values() + " values it held before " + up()),
                    values(was.values()), values(now.values()),
                    "a column re-created by the undo comes back " + (now.values() == 0 ? "empty" : "without its "
                            + "values") + ": copy the values back (UPDATE ... FROM) from where "
                            + context.revision().script() + " moved them, before dropping that");
        }
        // Else the up dropped the column with its values (DROPS_COLUMN): no undo can bring them back.
    }

    private static String differs(ColumnData was, ColumnData now) {
        return now.values() == was.values() ? "holds other values than the " + was.values() + " it held"
                : "holds " + now.values() + " values; it held " + was.values();
    }

    /** Values of a table that the undo leaves as the up or a trigger rewrote them: one warning per table. */
    private void rewritten(String table, List<String> columns) {
        rewritten(table, columns, 0);
    }

    /**
     * What a table holds after the undo that the steps rewrote rather than lost: values of {@code columns}, or
     * {@code extraRows} rows left behind; one warning per table, naming who wrote them (the up's or the undo's
     * statement, else a trigger).
     */
    private void rewritten(String table, List<String> columns, long extraRows) {
        String[] verbs = {"UPDATE", "INSERT", "DELETE", "MERGE", "COPY"};
        Optional<ExecutedStatement> upStatement = statementOn(context.upStatements(), table, verbs);
        Optional<ExecutedStatement> undoStatement = upStatement.isPresent() ? Optional.empty()
                : statementOn(context.statements(), table, verbs);
        // No statement names the table: one that wrote it through a trigger or a foreign key's action, else a
        // trigger on it (Ente's V40 updates public_collection_tokens, whose trigger stamps collections).
        Optional<ExecutedStatement> upWriter = upStatement.isPresent() || undoStatement.isPresent() ? Optional.empty()
                : writerOf(context.upStatements(), table);
        Optional<ExecutedStatement> undoWriter = upStatement.isPresent() || undoStatement.isPresent()
                || upWriter.isPresent() ? Optional.empty() : writerOf(context.statements(), table);
        Optional<ExecutedStatement> writer = upWriter.or(() -> undoWriter);
        Optional<ExecutedStatement> statement = upStatement.or(() -> undoStatement).or(() -> writer);
        String script = upStatement.isPresent() || upWriter.isPresent() ? context.revision().script()
                : context.script();
        List<String> triggers = statement.isPresent() ? List.of() : triggersOn(table);
        String who = statement.map(s -> script + s.line().map(l -> " line " + l).orElse("")
                + (writer.filter(w -> !containsWord(Statements.normalize(w.sql()).replace("\"", ""), simple(table)))
                .isPresent() ? ", through a trigger or a foreign key's action," : "")).orElse(
                triggers.isEmpty() ? "a trigger, a cascade or a statement outside the scripts"
                        : "trigger " + String.join(", ", triggers));
        String summary = extraRows > 0
                ? "after " + context.script() + ", " + table + " holds the " + extraRows + " rows " + who
                + " added, which " + context.script() + " leaves in place"
                : "after " + context.script() + ", the values of " + String.join(", ", columns) + " of " + table
                + " differ from before " + up() + ": " + who + " rewrote them"
                + (undoStatement.isPresent() ? "" : ", and " + context.script() + " does not restore them");
        findings.add(FindingMessages.dataRule(FindingType.DATA_REWRITTEN, context.revision(), script, table,
                statement.flatMap(ExecutedStatement::line), summary, "as before " + up(),
                extraRows > 0 ? extraRows + " rows more" : "rewritten", triggers.isEmpty()
                        ? "expected for a data migration; if rolling back must give the data back exactly, make "
                        + context.script() + " undo it (delete what " + context.revision().script()
                        + " added, restore values from a copy)"
                        : "expected when a trigger maintains them (timestamps, counters); restore them in "
                        + context.script() + " if rolling back must give them back exactly"));
    }

    /** The statement that first wrote {@code table}'s rows without naming it, as its step's locks tell. */
    private static Optional<ExecutedStatement> writerOf(List<ExecutedStatement> statements, String table) {
        String plain = table.replace("\"", "");
        return statements.stream().filter(s -> s.writes().contains(plain)).findFirst();
    }

    private List<String> triggersOn(String table) {
        List<String> names = new ArrayList<>();
        try {
            RuleContext.of(context).lookup("TableTriggers.sql", table).forEach(row -> names.add(row.string(1)));
        } catch (RuleQueryFailed e) {
            // The cause stays unnamed.
        }
        return names;
    }

    /** Whether a statement of the up reads the column besides dropping it: its values were moved elsewhere. */
    private boolean moved(String table, String column) {
        String simple = simple(column);
        return context.upStatements().stream().map(s -> Statements.normalize(s.sql()).replace("\"", ""))
                .filter(s -> !s.startsWith("ALTER TABLE") && !s.startsWith("DROP"))
                .anyMatch(s -> containsWord(s, simple) && containsWord(s, simple(table)));
    }

    /** Whether one of the statements changes the column's values: UPDATE of its table naming it. */
    private static boolean changes(List<ExecutedStatement> statements, String table, String column) {
        return statements.stream().map(s -> Statements.normalize(s.sql()).replace("\"", ""))
                .anyMatch(s -> s.startsWith("UPDATE") && containsWord(s, simple(table))
                        && containsWord(s, simple(column)));
    }

    /** Whether one of the statements changes rows of the table: INSERT, UPDATE, DELETE, COPY, MERGE naming it. */
    private static boolean names(List<ExecutedStatement> statements, String table) {
        return statements.stream().map(s -> Statements.normalize(s.sql()).replace("\"", ""))
                .filter(s -> s.matches("^(INSERT|UPDATE|DELETE|COPY|MERGE|WITH)\\b.*"))
                .anyMatch(s -> containsWord(s, simple(table)));
    }

    private String up() {
        return "V" + context.revision().version();
    }

    private void discarded() {
        DataFingerprint before = context.dataBefore();
        for (Map.Entry<String, TableData> entry : before.tables().entrySet()) {
            String table = entry.getKey();
            Optional<TableData> origin = context.origin().follow(table, entry.getValue()).map(Map.Entry::getValue);
            Optional<TableData> after = context.dataAfter().follow(table, entry.getValue()).map(Map.Entry::getValue);
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
                boolean added = origin.get().follow(column, data).isEmpty();
                boolean gone = after.map(a -> a.follow(column, data).isEmpty()).orElse(true);
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

    /** The first of the statements that does one of the things to the named table or column. */
    private static Optional<ExecutedStatement> statementOn(List<ExecutedStatement> statements, String name,
                                                           String... verbs) {
        String simple = simple(name).toUpperCase(Locale.ROOT);
        return statements.stream().filter(s -> {
            String normalized = Statements.normalize(s.sql()).replace("\"", "");
            return containsWord(normalized, simple) && java.util.Arrays.stream(verbs).anyMatch(normalized::startsWith);
        }).findFirst();
    }

    /** The last part of a qualified name, unquoted, as the normalized statements spell it (upper case). */
    private static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1).replace("\"", "").toUpperCase(Locale.ROOT);
    }

    private static boolean containsWord(String text, String word) {
        return java.util.regex.Pattern.compile("(?<![A-Z0-9_$])" + java.util.regex.Pattern.quote(word)
                + "(?![A-Z0-9_$])").matcher(text).find();
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
