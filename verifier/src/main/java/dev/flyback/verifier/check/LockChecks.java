package dev.flyback.verifier.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.migration.ExecutedStatement;
import dev.flyback.verifier.migration.ExecutedStatement.TableLock;

/**
 * Online safety from the locks each statement really took, in the step's own transaction, on tables that existed
 * before the step: up and undo alike.
 */
final class LockChecks {

    private LockChecks() {
    }

    static List<Finding> run(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        boolean timeoutReported = false;
        for (ExecutedStatement statement : context.statements()) {
            for (TableLock lock : statement.locks()) {
                boolean exclusive = lock.mode().equals("AccessExclusiveLock");
                FindingType type = exclusive ? FindingType.ACCESS_EXCLUSIVE_LOCK : FindingType.WRITE_BLOCKING_LOCK;
                Severity severity = lock.heldRows() ? type.defaultSeverity() : Severity.INFO;
                String blocked = exclusive ? "every read and write of it" : "every write to it";
                findings.add(FindingMessages.statementRule(type, severity, context.revision(), context.script(),
                        lock.table(), statement.line(), context.script() + at(statement) + " takes "
                                + lock.sqlMode() + " on " + lock.table() + " ("
                                + (lock.heldRows() ? "it held rows" : "empty here, but not in production") + "): "
                                + blocked + " waits until the migration commits", statement.sql(),
                        fix(statement.sql(), exclusive)));
                if (exclusive && !timeoutReported && "0".equals(statement.lockTimeout())) {
                    timeoutReported = true;
                    findings.add(FindingMessages.statementRule(FindingType.NO_LOCK_TIMEOUT,
                            FindingType.NO_LOCK_TIMEOUT.defaultSeverity(), context.revision(), context.script(),
                            lock.table(), statement.line(), context.script() + at(statement) + " waits for "
                                    + "ACCESS EXCLUSIVE on " + lock.table() + " with no lock_timeout: queued behind a "
                                    + "long query it blocks every query on the table", statement.sql(),
                            "start " + context.script() + " with: SET lock_timeout = '5s';"));
                }
            }
        }
        return findings;
    }

    private static String at(ExecutedStatement statement) {
        return statement.line().map(l -> " line " + l).orElse("");
    }

    /** The safer way to do what the statement does, where there is a well-known one. */
    static String fix(String sql, boolean exclusive) {
        String normalized = Statements.normalize(sql);
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
