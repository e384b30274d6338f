package dev.flyback.verifier.internal.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.migration.ExecutedStatement;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * What an up step can destroy. The schema diff says what was lost (a table, a column, a schema, width, enum
 * values); the executed statements say where, and show what no diff can see (TRUNCATE, DELETE or UPDATE without
 * WHERE).
 */
final class DataLossChecks {
    private static final Pattern SIZED = Pattern.compile("^(.*?)\\((\\d+)(?:,(\\d+))?\\)(.*)$");
    private static final List<String> INTEGER_WIDTHS = List.of("smallint", "integer", "bigint");

    private final CheckContext context;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> covered = new HashSet<>();

    private DataLossChecks(CheckContext context) {
        this.context = context;
    }

    static List<Finding> run(CheckContext context) {
        DataLossChecks checks = new DataLossChecks(context);
        checks.fromDiff();
        checks.fromStatements();
        checks.findings.addAll(SeededDataChecks.run(context, checks.covered));
        return checks.findings;
    }

    private void fromDiff() {
        Set<String> droppedRelations = new HashSet<>();
        for (SchemaDifference change : context.changes()) {
            if (change instanceof SchemaDifference.Removed && change.subject().table().isEmpty()) {
                droppedRelations.add(change.subject().schema() + "." + change.subject().name());
            }
        }
        for (SchemaDifference change : context.changes()) {
            SchemaObject object = change.subject();
            if (change instanceof SchemaDifference.Removed) {
                removed(object, droppedRelations);
            } else if (change instanceof SchemaDifference.Changed changed) {
                changed(changed);
            }
        }
    }

    private void removed(SchemaObject object, Set<String> droppedRelations) {
        if (object.type() == ObjectType.TABLE) {
            add(FindingType.DROPS_TABLE, object.qualifiedName(), List.of("DROP", object.name()),
                    "table " + object.sqlName() + " existed before " + context.revision().displayName()
                            + " and is dropped, with every row it held" + heldRows(object.sqlName()),
                    "keep it until the code no longer reads it, and drop it in a later release; rename it instead "
                            + "if you may need the data back");
        } else if (object.type() == ObjectType.COLUMN && !droppedRelations.contains(object.schema() + "."
                + object.table().orElse(""))) {
            add(FindingType.DROPS_COLUMN, object.qualifiedName(), List.of("DROP", object.name()),
                    "column " + object.sqlTable().orElse("") + "." + object.name() + " existed before "
                            + context.revision().displayName() + " and is dropped, with its values"
                            + heldValues(object.sqlTable().orElse(""), object.name()),
                    "stop writing and reading it first; drop it in a later release (expand, then contract)");
        } else if (object.type() == ObjectType.SCHEMA) {
            add(FindingType.DROPS_SCHEMA, object.qualifiedName(), List.of("DROP", object.name()),
                    "schema " + object.sqlName() + " existed before " + context.revision().displayName()
                            + " and is dropped, with everything in it", "drop what is in it explicitly, object by "
                            + "object, so the loss is visible in review");
        }
    }

    private void changed(SchemaDifference.Changed changed) {
        SchemaObject before = changed.before();
        if (before.type() == ObjectType.COLUMN && changed.changes().containsKey("type")) {
            String from = changed.changes().get("type").before();
            String to = changed.changes().get("type").after();
            if (narrows(from, to)) {
                add(FindingType.NARROWS_COLUMN, before.qualifiedName(), List.of("TYPE", before.name()),
                        "column " + before.sqlTable().orElse("") + "." + before.name() + " narrows from " + from
                                + " to " + to + ": longer or more precise values are cut or rejected",
                        "check the widest value first (SELECT max(length(..)) / min / max); widen instead, or "
                                + "migrate the values explicitly");
            }
        }
        if (before.type() == ObjectType.ENUM && changed.changes().containsKey("values")) {
            Set<String> after = new HashSet<>(values(changed.subject().property("values").orElse("")));
            List<String> lost = values(before.property("values").orElse("")).stream()
                    .filter(v -> !after.contains(v)).toList();
            if (!lost.isEmpty()) {
                add(FindingType.DROPS_ENUM_VALUE, before.qualifiedName(), List.of(before.name()),
                        "enum " + before.sqlName() + " loses " + String.join(", ", lost)
                                + ": rows holding them cannot be converted", "map those rows to a remaining value "
                                + "(UPDATE ... SET ... WHERE col = ...) before re-creating the type");
            }
        }
    }

    private void fromStatements() {
        for (ExecutedStatement statement : context.statements()) {
            String normalized = Statements.normalize(statement.sql());
            Optional<String> target = Statements.target(normalized);
            boolean existing = target.map(this::existedBefore).orElse(false);
            if (existing && (normalized.startsWith("TRUNCATE")
                    || (normalized.startsWith("DELETE FROM") && !Statements.hasWhere(normalized)))) {
                statementFinding(FindingType.DELETES_ALL_ROWS, statement, target.get(),
                        "deletes every row of " + target.get() + originTable(target.get()).map(this::heldRows)
                                .orElse(""), "if this is meant, say so with a suppression "
                                + "comment; else add the WHERE clause");
            } else if (existing && normalized.startsWith("UPDATE") && !Statements.hasWhere(normalized)) {
                statementFinding(FindingType.UPDATES_ALL_ROWS, statement, target.get(), "rewrites every row of "
                        + target.get(), "backfill large tables in batches, outside the schema migration");
            }
            if (normalized.startsWith("DROP ") && normalized.matches(".* CASCADE;?$")) {
                statementFinding(FindingType.DROPS_WITH_CASCADE, statement, normalized.split(" ")[1].toLowerCase(
                        Locale.ROOT), "drops with CASCADE: dependent objects (views, foreign keys, ...) go too, "
                        + "silently", "drop the dependent objects explicitly first, then drop without CASCADE");
            }
        }
    }

    /** What the seeded table held before the revision, as evidence; the dynamic check then stays quiet on it. */
    private String heldRows(String table) {
        covered.add(table);
        return context.origin().table(table).filter(t -> t.rows() > 0)
                .map(t -> " (here: " + t.rows() + " seeded rows)").orElse("");
    }

    private String heldValues(String table, String column) {
        covered.add(table + "." + column);
        return context.origin().table(table).flatMap(t -> t.column(column)).filter(c -> c.values() > 0)
                .map(c -> " (here: " + c.values() + " seeded values)").orElse("");
    }

    /** The seeded table a statement names ({@code archive} or {@code public.archive}). */
    private Optional<String> originTable(String named) {
        return context.origin().tables().keySet().stream()
                .filter(t -> t.equals(named) || t.endsWith("." + named)).findFirst();
    }

    private boolean existedBefore(String table) {
        String name = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
        return context.changes().stream().noneMatch(c -> c instanceof SchemaDifference.Added
                && c.subject().type() == ObjectType.TABLE && c.subject().name().equals(name));
    }

    private void statementFinding(FindingType type, ExecutedStatement statement, String object, String what,
                                  String fix) {
        findings.add(FindingMessages.statementRule(type, type.defaultSeverity(), context.revision(),
                context.script(), object, statement.line(), context.script() + statement.line().map(l -> " line " + l)
                        .orElse("") + " " + what, statement.sql(), fix));
    }

    private void add(FindingType type, String object, List<String> words, String summary, String fix) {
        Optional<ExecutedStatement> statement = context.statements().stream()
                .filter(s -> words.stream().allMatch(w -> s.sql().toLowerCase(Locale.ROOT)
                        .contains(w.toLowerCase(Locale.ROOT)))).findFirst();
        findings.add(FindingMessages.statementRule(type, type.defaultSeverity(), context.revision(),
                context.script(), object, statement.flatMap(ExecutedStatement::line), summary,
                statement.map(ExecutedStatement::sql).orElse(""), fix));
    }

    /** Whether {@code to} can hold less than {@code from}: shorter, less precise, a smaller integer, a date. */
    static boolean narrows(String from, String to) {
        Matcher was = SIZED.matcher(from);
        Matcher is = SIZED.matcher(to);
        if (was.matches() && is.matches() && was.group(1).equals(is.group(1))) {
            int precision = Integer.parseInt(is.group(2)) - Integer.parseInt(was.group(2));
            int scale = (is.group(3) == null ? 0 : Integer.parseInt(is.group(3)))
                    - (was.group(3) == null ? 0 : Integer.parseInt(was.group(3)));
            return precision < 0 || scale < 0;
        }
        if (INTEGER_WIDTHS.contains(from) && INTEGER_WIDTHS.contains(to)) {
            return INTEGER_WIDTHS.indexOf(to) < INTEGER_WIDTHS.indexOf(from);
        }
        boolean unbounded = from.equals("text") || (from.startsWith("character varying") && !from.contains("("));
        if (unbounded && is.matches()) {
            return true;
        }
        if (from.startsWith("timestamp") && to.equals("date")) {
            return true;
        }
        if (from.startsWith("numeric") && INTEGER_WIDTHS.contains(to)) {
            return true;
        }
        return from.equals("double precision") && (to.equals("real") || INTEGER_WIDTHS.contains(to));
    }

    private static List<String> values(String list) {
        return list.isEmpty() ? List.of() : Arrays.stream(list.split(", ")).map(String::strip).toList();
    }
}
