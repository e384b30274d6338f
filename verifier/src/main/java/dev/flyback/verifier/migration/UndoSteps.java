package dev.flyback.verifier.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Two ways of running an undo: a {@code U} script through a second Flyway with a throw-away history table, and a Java
 * migration's {@code down} (issue 16: one of the pieces {@link Migrations} is split into; the direct way is
 * {@link DirectScripts}).
 */
final class UndoSteps {
    private final FluentConfiguration base;
    private final DataSource dataSource;
    private final List<Revision> revisions;
    private final Optional<ScriptFiles> scriptFiles;
    private final ScriptParser parser;
    private final HistoryTable history;
    private final StatementRecorder recorder;
    private final UnaryOperator<Callback[]> withRecorder;
    /** The configuration that reads undo scripts ({@code U} prefix); made on first use. */
    private FluentConfiguration parsing;

    UndoSteps(FluentConfiguration base, DataSource dataSource, List<Revision> revisions,
              Optional<ScriptFiles> scriptFiles, ScriptParser parser, HistoryTable history,
              StatementRecorder recorder, UnaryOperator<Callback[]> withRecorder) {
        this.base = base;
        this.dataSource = dataSource;
        this.revisions = revisions;
        this.scriptFiles = scriptFiles;
        this.parser = parser;
        this.history = history;
        this.recorder = recorder;
        this.withRecorder = withRecorder;
    }

    /**
     * Runs the undo script through a second Flyway with a throw-away history table: baselined just below the
     * revision when it is created, and, when kept between undos, emptied afterwards, so that Flyway (shown only this
     * script) applies exactly it.
     */
    void sql(Revision revision, Revision.Undo undo, boolean keep) throws MigrationException {
        try {
            FluentConfiguration undoConfiguration = Flyway.configure(base.getClassLoader()).configuration(base);
            if (scriptFiles.isPresent() && undo.file().isPresent()) {
                String script = undo.file().get().getFileName().toString();
                undoConfiguration.resourceProvider(scriptFiles.get().only(name -> name.equals(script)
                        || name.equals(script + ".conf")));
            }
            undoConfiguration
                    .sqlMigrationPrefix("U")
                    .table(Migrations.UNDO_HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion(versionBefore(revision))
                    .target(revision.version())
                    .javaMigrationClassProvider(RevisionResolver.noJavaMigrations())
                    .skipDefaultCallbacks(true)
                    .callbacks(withRecorder.apply(new Callback[0]))
                    .validateMigrationNaming(false)
                    .validateOnMigrate(false)
                    .createSchemas(false)
                    .load().migrate();
        } catch (FlywayException e) {
            MigrationFailure failure = MigrationFailure.fromFlywayMessage(undo.script(), undo.file(), Migrations.withCause(e))
                    .classified(e);
            throw new MigrationException(undo.file().map(file -> parser.withMixed(parsing(), file, failure))
                    .orElse(failure), e);
        } finally {
            if (keep) {
                history.emptyUndoHistory();
            } else {
                history.dropUndoHistory();
            }
        }
    }

    /** Runs a Java migration's {@code down} in a transaction of its own. */
    void java(Revision revision, Revision.Undo undo) throws MigrationException {
        recorder.writesUnknown();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Class<?> type = Class.forName(revision.script(), true, base.getClassLoader());
                ((ReversibleMigration) type.getDeclaredConstructor().newInstance()).down(connection);
                connection.commit();
            } catch (Exception e) {
                connection.rollback();
                throw new MigrationException(new MigrationFailure(undo.script(), Optional.empty(), Optional.empty(),
                        "down() failed: " + e), e);
            }
        } catch (SQLException e) {
            throw new MigrationException(new MigrationFailure(undo.script(), Optional.empty(), Optional.empty(),
                    e.getMessage()), e);
        }
    }

    private String versionBefore(Revision revision) {
        int index = revisions.indexOf(revision);
        return index > 0 ? revisions.get(index - 1).version() : "0";
    }

    /** The configuration that reads undo scripts ({@code U} prefix), made once. */
    FluentConfiguration parsing() {
        if (parsing == null) {
            parsing = Flyway.configure(base.getClassLoader()).configuration(base).sqlMigrationPrefix("U");
        }
        return parsing;
    }
}
