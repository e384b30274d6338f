package dev.flyback.verifier;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.flyback.verifier.StepOutcome.Status;
import dev.flyback.verifier.StepOutcome.Step;
import dev.flyback.verifier.check.CheckContext;
import dev.flyback.verifier.check.SchemaChecks;
import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.diff.SchemaDiff;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.migration.ExecutedStatement;
import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * The up, down, up proof of one revision after another, carrying the schema after the previous revision forward so
 * that each revision costs three migrations and three catalog reads.
 */
final class Proof implements AutoCloseable {
    private final Migrations migrations;
    private final DisposableDatabase database;
    private final Consumer<String> progress;
    private final VerifierConfig config;
    private Connection connection;
    private SchemaSnapshot current;

    Proof(Migrations migrations, DisposableDatabase database, VerifierConfig config) {
        this.migrations = migrations;
        this.database = database;
        this.progress = config.progress();
        this.config = config;
        this.connection = connect();
        this.current = MigrationVerifier.snapshot(connection, migrations);
    }

    RevisionResult check(Revision revision) {
        List<StepOutcome> steps = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        SchemaSnapshot before = current;

        long start = System.nanoTime();
        try {
            migrations.up(revision);
        } catch (MigrationException e) {
            steps.add(outcome(Step.UP, Status.FAILED, start));
            findings.add(FindingMessages.upFailed(revision, e.failure()));
            report(revision, steps);
            return new RevisionResult(revision, steps, List.of(), findings);
        }
        SchemaSnapshot after = MigrationVerifier.snapshot(connection, migrations);
        steps.add(outcome(Step.UP, Status.SUCCEEDED, start));
        List<SchemaDifference> changes = SchemaDiff.compare(before, after);
        current = after;
        findings.addAll(schemaChecks(revision, changes, migrations.lastStatements(), false));

        if (!config.provesReversibility()) {
            steps.add(new StepOutcome(Step.DOWN, Status.SKIPPED, Duration.ZERO));
            steps.add(new StepOutcome(Step.REUP, Status.SKIPPED, Duration.ZERO));
        } else if (revision.undo().isEmpty()) {
            findings.add(FindingMessages.undoMissing(revision));
            steps.add(new StepOutcome(Step.DOWN, Status.SKIPPED, Duration.ZERO));
            steps.add(new StepOutcome(Step.REUP, Status.SKIPPED, Duration.ZERO));
        } else {
            downAndUpAgain(revision, before, after, steps, findings);
        }
        report(revision, steps);
        return new RevisionResult(revision, steps, changes, findings);
    }

    /**
     * An undo's locks that matter are those on tables that existed before the revision: dropping what the revision
     * created is the expected cost of rolling back.
     */
    private static List<ExecutedStatement> onTablesOf(SchemaSnapshot before, List<ExecutedStatement> statements) {
        java.util.Set<String> tables = new java.util.HashSet<>();
        before.objects(dev.flyback.verifier.snapshot.ObjectType.TABLE).forEach(t -> tables.add(t.sqlName()));
        return statements.stream().map(s -> new ExecutedStatement(s.script(), s.sql(), s.line(),
                s.locks().stream().filter(l -> tables.contains(l.table())).toList(), s.lockTimeout())).toList();
    }

    private List<Finding> schemaChecks(Revision revision, List<SchemaDifference> changes,
                                       List<ExecutedStatement> statements, boolean undo) {
        try {
            return SchemaChecks.run(config.checks(), new CheckContext(revision, changes, connection,
                    migrations.historyTables(), config.wholeSchema(), statements, undo));
        } catch (SQLException e) {
            throw new DatabaseStartException("Lost the database while checking " + revision.script() + ": "
                    + e.getMessage(), e);
        }
    }

    private void downAndUpAgain(Revision revision, SchemaSnapshot before, SchemaSnapshot after,
                                List<StepOutcome> steps, List<Finding> findings) {
        long start = System.nanoTime();
        try {
            migrations.down(revision);
        } catch (MigrationException e) {
            steps.add(outcome(Step.DOWN, Status.FAILED, start));
            steps.add(new StepOutcome(Step.REUP, Status.SKIPPED, Duration.ZERO));
            findings.add(FindingMessages.undoFailed(revision, e.failure()));
            restore(revision, after);
            return;
        }
        List<ExecutedStatement> undoStatements = migrations.lastStatements();
        SchemaSnapshot undone = MigrationVerifier.snapshot(connection, migrations);
        steps.add(outcome(Step.DOWN, Status.SUCCEEDED, start));
        findings.addAll(schemaChecks(revision, SchemaDiff.compare(after, undone),
                onTablesOf(before, undoStatements), true));
        MigrationVerifier.fold(SchemaDiff.compare(before, undone))
                .forEach(d -> findings.add(FindingMessages.afterUndo(revision, d)));

        start = System.nanoTime();
        try {
            migrations.up(revision);
        } catch (MigrationException e) {
            steps.add(outcome(Step.REUP, Status.FAILED, start));
            findings.add(FindingMessages.reupFailed(revision, e.failure()));
            rebuild(revision);
            return;
        }
        SchemaSnapshot again = MigrationVerifier.snapshot(connection, migrations);
        steps.add(outcome(Step.REUP, Status.SUCCEEDED, start));
        java.util.Set<String> alreadyFound = new java.util.HashSet<>();
        findings.forEach(f -> f.object().ifPresent(alreadyFound::add));
        MigrationVerifier.fold(SchemaDiff.compare(after, again)).stream()
                .filter(d -> !alreadyFound.contains(d.subject().qualifiedName()))
                .filter(d -> !DifferenceFolding.onlyColumnOrder(d))
                .forEach(d -> findings.add(FindingMessages.reupDiffers(revision, d)));
        current = again;
    }

    /** After a failed undo: carry on from the revision's state, rebuilding it if the failure left debris. */
    private void restore(Revision revision, SchemaSnapshot after) {
        if (!MigrationVerifier.snapshot(connection, migrations).equals(after)) {
            rebuild(revision);
        }
    }

    /** Throws the database away and migrates a fresh one up to the revision, so later revisions start clean. */
    private void rebuild(Revision revision) {
        close();
        database.reset();
        connection = connect();
        try {
            migrations.up(revision);
        } catch (MigrationException e) {
            throw new IllegalStateException("Could not rebuild the database up to " + revision.script()
                    + " after a failed step: " + e.failure().message(), e);
        }
        current = MigrationVerifier.snapshot(connection, migrations);
    }

    private void report(Revision revision, List<StepOutcome> steps) {
        StringBuilder line = new StringBuilder(revision.displayName()).append(':');
        for (StepOutcome step : steps) {
            line.append(' ').append(step.step().displayName()).append(' ').append(step.status().displayName());
            if (step.status() != Status.SKIPPED) {
                line.append(" (").append(step.duration().toMillis()).append(" ms)");
            }
        }
        progress.accept(line.toString());
    }

    private static StepOutcome outcome(Step step, Status status, long startNanos) {
        return new StepOutcome(step, status, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private Connection connect() {
        try {
            return database.dataSource().getConnection();
        } catch (SQLException e) {
            throw new DatabaseStartException("Could not connect to " + database.description() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // The database is going away anyway; nothing to report.
        }
    }
}
