package dev.flyback.verifier.internal.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.migration.ExecutedStatement;
import dev.flyback.verifier.migration.ExecutedStatement.TableLock;
import dev.flyback.verifier.snapshot.ObjectType;

/**
 * Online safety from the locks each statement really took, in the step's own transaction, on tables that existed
 * before the step: up and undo alike.
 */
final class LockChecks {

    private LockChecks() {
    }

    static List<Finding> run(RuleContext context) {
        List<Finding> findings = new ArrayList<>();
        boolean timeoutReported = false;
        List<ExecutedStatement> statements = context.statements();
        if (statements.stream().noneMatch(s -> !s.locks().isEmpty())) {
            return findings;
        }
        Set<String> newTables = newTables(context);
        Set<String> provenNotNull = statements.stream().anyMatch(s -> Statements.normalize(s.sql())
                .contains(" SET NOT NULL")) ? provenNotNull(context) : Set.of();
        for (int i = 0; i < statements.size(); i++) {
            ExecutedStatement statement = statements.get(i);
            for (TableLock lock : strongest(statement.locks())) {
                boolean exclusive = lock.mode().equals("AccessExclusiveLock");
                FindingType type = exclusive ? FindingType.ACCESS_EXCLUSIVE_LOCK : FindingType.WRITE_BLOCKING_LOCK;
                Optional<LongWork> longWork = lock.heldRows() ? longWork(statements, i, newTables, provenNotNull)
                        : Optional.empty();
                boolean noTimeout = exclusive && "0".equals(statement.lockTimeout());
                if (noTimeout && longWork.isEmpty() && !timeoutReported) {
                    // A brief lock: what matters is the wait for it, behind a long query, with everything queued
                    // behind that wait. One finding per statement: this one.
                    timeoutReported = true;
                    findings.add(FindingMessages.statementRule(FindingType.NO_LOCK_TIMEOUT,
                            FindingType.NO_LOCK_TIMEOUT.defaultSeverity(), context.revision(), context.stepScript(),
                            lock.table(), statement.line(), context.stepScript() + at(statement) + " waits for "
                                    + "ACCESS EXCLUSIVE on " + lock.table() + " with no lock_timeout: queued behind a "
                                    + "long query it blocks every query on the table", statement.sql(),
                            "start " + context.stepScript() + " with: SET lock_timeout = '5s';"));
                    continue;
                }
                Severity severity = longWork.isPresent() ? type.defaultSeverity() : Severity.INFO;
                String blocked = exclusive ? "every read and write of it" : "every write to it";
                String how = !lock.heldRows() ? "(empty here, but not in production): " + blocked
                        + " waits until the migration commits"
                        : longWork.map(work -> "(it held rows) and holds it while " + work.describe() + ": "
                                + blocked + " waits until the migration commits")
                        .orElse("(it held rows) for catalog changes only, so briefly; while it waits for the lock, "
                                + blocked + " queues behind it");
                String fix = fix(longWork.map(w -> w.statement().sql()).orElse(statement.sql()), exclusive);
                findings.add(FindingMessages.statementRule(type, severity, context.revision(), context.stepScript(),
                        lock.table(), statement.line(), context.stepScript() + at(statement) + " takes "
                                + lock.sqlMode() + " on " + lock.table() + " " + how + (noTimeout
                                ? "; it waits for the lock with no lock_timeout" : ""), statement.sql(),
                        noTimeout && !fix.contains("lock_timeout") ? fix + "; and start " + context.stepScript()
                                + " with SET lock_timeout = '5s';" : fix));
            }
        }
        return findings;
    }

    /** The modes from weakest to strongest, as PostgreSQL orders them. */
    private static final List<String> MODES = List.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock",
            "AccessExclusiveLock");

    /** The strongest lock a statement took on each table: one finding per statement and table. */
    private static List<TableLock> strongest(List<TableLock> locks) {
        java.util.Map<String, TableLock> byTable = new java.util.LinkedHashMap<>();
        for (TableLock lock : locks) {
            byTable.merge(lock.table(), lock, (a, b) -> MODES.indexOf(b.mode()) > MODES.indexOf(a.mode()) ? b : a);
        }
        return List.copyOf(byTable.values());
    }

    /** Work that lasts as long as the table is big: a rewrite, a scan, or changing rows. */
    private record LongWork(ExecutedStatement statement, String what) {
        String describe() {
            return statement.line().map(l -> "line " + l + " ").orElse("a later statement ") + what;
        }
    }

    /**
     * The first statement, from the one that took the lock to the end of the step, whose work lasts: on a table the
     * step did not create (work on a new, empty table is quick).
     */
    private static Optional<LongWork> longWork(List<ExecutedStatement> statements, int from, Set<String> newTables,
                                               Set<String> provenNotNull) {
        for (int i = from; i < statements.size(); i++) {
            ExecutedStatement statement = statements.get(i);
            if (!statement.rewrites().isEmpty()) {
                return Optional.of(new LongWork(statement, "rewrites " + String.join(", ", statement.rewrites())));
            }
            String normalized = Statements.normalize(statement.sql());
            if (Statements.workTarget(normalized).filter(newTables::contains).isPresent()) {
                continue;
            }
            Optional<String> scan = scans(normalized).filter(what -> !(what.contains("SET NOT NULL")
                    && Statements.workTarget(normalized).filter(provenNotNull::contains).isPresent()));
            if (scan.isPresent()) {
                return Optional.of(new LongWork(statement, scan.get()));
            }
            if (normalized.matches("^(UPDATE|DELETE|MERGE|COPY|INSERT INTO [^ ]+( \\([^)]*\\))? (SELECT|WITH)) .*")) {
                return Optional.of(new LongWork(statement, "changes rows (" + normalized.split(" ")[0] + ")"));
            }
        }
        return Optional.empty();
    }

    /** The tables the step created, by the names SQL may use for them: {@code research}, {@code public.research}. */
    private static Set<String> newTables(RuleContext context) {
        Set<String> names = new HashSet<>();
        context.changes().stream().filter(c -> c instanceof SchemaDifference.Added
                        && c.subject().type() == ObjectType.TABLE)
                .forEach(c -> {
                    names.add(c.subject().name().toLowerCase(Locale.ROOT));
                    names.add((c.subject().schema() + "." + c.subject().name()).toLowerCase(Locale.ROOT));
                });
        return names;
    }

    /**
     * The tables ({@code users} and {@code public.users}) with a validated {@code CHECK (... IS NOT NULL)}, before
     * or after the step: PostgreSQL 12 and later then skip the scan of {@code SET NOT NULL}.
     */
    private static Set<String> provenNotNull(RuleContext context) {
        Set<String> tables = new HashSet<>();
        context.changes().stream().filter(c -> c instanceof SchemaDifference.Removed
                        && c.subject().type() == ObjectType.CONSTRAINT)
                .map(SchemaDifference::subject)
                .filter(c -> provesNotNull(c.property("definition").orElse("")))
                .forEach(c -> addNames(tables, c.schema(), c.table().orElse("")));
        try {
            for (Row row : context.lookup("ValidatedChecks.sql", null)) {
                if (provesNotNull(row.string(3))) {
                    addNames(tables, row.schema(), row.table());
                }
            }
        } catch (RuleQueryFailed e) {
            // Without the catalog, SET NOT NULL is judged as the scan it usually is.
        }
        return tables;
    }

    private static boolean provesNotNull(String definition) {
        String upper = definition.toUpperCase(Locale.ROOT);
        return upper.startsWith("CHECK") && upper.contains(" IS NOT NULL") && !upper.contains("NOT VALID");
    }

    private static void addNames(Set<String> tables, String schema, String table) {
        tables.add(table.toLowerCase(Locale.ROOT));
        tables.add((schema + "." + table).toLowerCase(Locale.ROOT));
    }

    /** What a statement scans a whole table for, if it does, naming the index, column or constraint. */
    private static Optional<String> scans(String normalized) {
        if ((normalized.startsWith("CREATE INDEX") || normalized.startsWith("CREATE UNIQUE INDEX"))
                && !normalized.contains(" CONCURRENTLY ")) {
            return Optional.of("builds " + named(INDEX_NAME, normalized, "index", "an index") + " (a full scan)");
        }
        if (!normalized.startsWith("ALTER TABLE")) {
            return Optional.empty();
        }
        if (normalized.contains(" SET NOT NULL")) {
            return Optional.of("scans the table for SET NOT NULL" + Optional.of(NOT_NULL_COLUMN.matcher(normalized))
                    .filter(java.util.regex.Matcher::find).map(m -> " on " + lower(m.group(1))).orElse(""));
        }
        if (normalized.contains(" VALIDATE CONSTRAINT")) {
            return Optional.of("validates " + named(VALIDATED, normalized, "constraint", "a constraint")
                    + " (a full scan)");
        }
        boolean constraint = normalized.matches(".* ADD (CONSTRAINT [^ ]+ )?(CHECK|FOREIGN KEY|UNIQUE|PRIMARY KEY|EXCLUDE)"
                + "\\b.*") || normalized.matches(".* ADD (COLUMN )?.* REFERENCES .*");
        if (constraint && !normalized.contains(" NOT VALID")) {
            return Optional.of("validates " + named(ADDED_CONSTRAINT, normalized, "constraint",
                    "the new constraint") + " against every row");
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern INDEX_NAME = java.util.regex.Pattern.compile(
            "^CREATE (?:UNIQUE )?INDEX (?:IF NOT EXISTS )?([^ (]+) ON ");
    private static final java.util.regex.Pattern NOT_NULL_COLUMN = java.util.regex.Pattern.compile(
            "ALTER (?:COLUMN )?([^ ]+) SET NOT NULL");
    private static final java.util.regex.Pattern VALIDATED = java.util.regex.Pattern.compile(
            "VALIDATE CONSTRAINT ([^ ;]+)");
    private static final java.util.regex.Pattern ADDED_CONSTRAINT = java.util.regex.Pattern.compile(
            "ADD CONSTRAINT ([^ ]+) ");

    /** {@code kind name} as the statement spells the name, else {@code otherwise}. */
    private static String named(java.util.regex.Pattern pattern, String normalized, String kind, String otherwise) {
        java.util.regex.Matcher matcher = pattern.matcher(normalized);
        return matcher.find() ? kind + " " + lower(matcher.group(1)).replace("\"", "") : otherwise;
    }

    private static String at(ExecutedStatement statement) {
        return statement.line().map(l -> " line " + l).orElse("");
    }

    /** The safer way to do what the statement does, where there is a well-known one. */
    static String fix(String sql, boolean exclusive) {
        String normalized = Statements.normalize(sql);
        if (normalized.startsWith("CREATE TABLE")) {
            // A key of a new table is checked against no rows, and NOT VALID means nothing in CREATE TABLE: the lock
            // on the referenced table is all there is, and it lasts as long as the migration's transaction.
            return "nothing to change in the statement: the new table holds no rows to check; keep the rest of the "
                    + "migration short, since the referenced table stays locked until it commits";
        }
        if (normalized.startsWith("CREATE INDEX") || normalized.startsWith("CREATE UNIQUE INDEX")) {
            return "build it with CREATE INDEX CONCURRENTLY, in a migration of its own (Flyway then runs it outside "
                    + "a transaction)";
        }
        if (normalized.startsWith("DROP INDEX")) {
            return "drop it with DROP INDEX CONCURRENTLY, in a migration of its own";
        }
        if (normalized.contains(" FOREIGN KEY") || normalized.contains(" REFERENCES ")
                || normalized.contains(" CHECK ")) {
            return "add the constraint NOT VALID here, and VALIDATE CONSTRAINT in a later migration "
                    + "(validation takes only SHARE UPDATE EXCLUSIVE)";
        }
        if (normalized.contains(" SET NOT NULL")) {
            return "add CHECK (column IS NOT NULL) NOT VALID, validate it in a later migration, then SET NOT NULL "
                    + "(PostgreSQL 12+ then skips the scan)";
        }
        if (normalized.matches("^(UPDATE|DELETE|MERGE|INSERT|COPY)\\b.*")) {
            return "move the backfill to a migration of its own, after the schema change is committed, and run it "
                    + "in batches: the strong lock is then held only for the catalog change";
        }
        if (normalized.contains(" TYPE ")) {
            return "changing a column's type rewrites the table under ACCESS EXCLUSIVE: add a new column, backfill "
                    + "it in batches, then switch";
        }
        return exclusive ? "keep the statement short and set lock_timeout (SET lock_timeout = '5s';) so that it "
                + "fails fast instead of queueing" : "run it when writes can wait, or split the work";
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
