package dev.flyback.verifier.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * An undo script run through a second Flyway over the same locations ({@code sqlMigrationPrefix=U}, a throw-away
 * history table baselined just below the revision, shown only this script), so that Flyway's own parser handles
 * placeholders, dollar quotes and {@code DO} blocks; then the revision's row is deleted from the real history table,
 * so that Flyway again describes the database truthfully.
 */
final class FlywayUndo implements StepExecutor {
    private final StepContext context;
    /** Whether the throw-away history table is kept, emptied, for the next undo (a proof's), or dropped. */
    private final boolean keep;
    /** The configuration that reads undo scripts ({@code U} prefix). */
    private final FluentConfiguration parsing;

    FlywayUndo(StepContext context, boolean keep) {
        this.context = context;
        this.keep = keep;
        this.parsing = context.flyway().sqlMigrationPrefix("U");
    }

    @Override
    public void run(Revision revision) throws MigrationException {
        Revision.Undo undo = revision.undo().orElseThrow();
        context.recorder().reset();
        try {
            FluentConfiguration undoConfiguration = context.flyway();
            if (context.scriptFiles().isPresent() && undo.file().isPresent()) {
                String script = undo.file().get().getFileName().toString();
                undoConfiguration.resourceProvider(context.scriptFiles().get().only(name -> name.equals(script)
                        || name.equals(script + ".conf")));
            }
            undoConfiguration
                    .sqlMigrationPrefix("U")
                    .table(Migrations.UNDO_HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion(context.versionBefore(revision))
                    .target(revision.version())
                    .javaMigrationClassProvider(RevisionResolver.noJavaMigrations())
                    .skipDefaultCallbacks(true)
                    .callbacks(context.withRecorder())
                    .validateMigrationNaming(false)
                    .validateOnMigrate(false)
                    .createSchemas(false)
                    .load().migrate();
        } catch (FlywayException e) {
            MigrationFailure failure = MigrationFailure.fromFlywayMessage(undo.script(), undo.file(),
                    Migrations.withCause(e)).classified(e);
            throw new MigrationException(undo.file().map(file -> context.parser().withMixed(parsing, file, failure))
                    .orElse(failure), e);
        } finally {
            if (keep && undo.file().isPresent()) {
                context.history().emptyUndoHistory();
            } else {
                context.history().dropUndoHistory();
            }
        }
        deleteRow(context, revision, undo);
    }

    /** Removes the revision's row from Flyway's history, as its undo leaves it. */
    static void deleteRow(StepContext context, Revision revision, Revision.Undo undo) throws MigrationException {
        try (Connection connection = context.dataSource().getConnection()) {
            context.history().deleteRow(connection, revision.version());
        } catch (SQLException e) {
            throw new MigrationException(new MigrationFailure(undo.script(), Optional.empty(), Optional.empty(),
                    "could not update Flyway's history table: " + e.getMessage()), e);
        }
    }
}
