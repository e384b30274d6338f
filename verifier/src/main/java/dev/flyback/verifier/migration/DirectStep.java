package dev.flyback.verifier.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * A step without a Flyway command: a script's statements as Flyway's parser splits them, on a connection prepared as
 * Flyway prepares its own, in one transaction unless the script says otherwise, and the history row Flyway would
 * write or delete. A proof's undos and second ups take this way when nothing but versioned and undo scripts could run
 * with them (issue 16: one {@link StepExecutor} per way of running a step).
 */
abstract sealed class DirectStep implements StepExecutor {
    final StepContext context;

    private DirectStep(StepContext context) {
        this.context = context;
    }

    /** Undos: the {@code U} script, then the revision's history row deleted in its transaction. */
    static StepExecutor undo(StepContext context) {
        return new Undo(context);
    }

    /**
     * Second ups: the {@code V} script, then the revision's history row written in its transaction (and the history
     * compacted there, as {@code compaction} says).
     */
    static StepExecutor reup(StepContext context, HistoryCompaction compaction) {
        return new Reup(context, compaction);
    }

    private static final class Undo extends DirectStep {
        private final org.flywaydb.core.api.configuration.FluentConfiguration parsing;

        Undo(StepContext context) {
            super(context);
            this.parsing = context.flyway().sqlMigrationPrefix("U");
        }

        @Override
        public void run(Revision revision) throws MigrationException {
            Revision.Undo undo = revision.undo().orElseThrow();
            context.recorder().reset();
            run(parsing, undo.script(), undo.file().orElseThrow(),
                    connection -> context.history().deleteRow(connection, revision.version()));
        }
    }

    private static final class Reup extends DirectStep {
        private final HistoryCompaction compaction;

        Reup(StepContext context, HistoryCompaction compaction) {
            super(context);
            this.compaction = compaction;
        }

        @Override
        public void run(Revision revision) throws MigrationException {
            context.recorder().reset();
            long start = System.nanoTime();
            compaction.grew();
            run(context.base(), revision.script(), revision.file().orElseThrow(), connection -> {
                context.history().insertRow(connection, revision, (System.nanoTime() - start) / 1_000_000);
                compaction.afterInsert(connection);
            });
        }
    }

    /**
     * Runs a script's statements on a connection of its own, prepared as Flyway prepares its migration connection
     * ({@code initSql}, the default schema first on the search path), recording each statement; {@code finish} runs
     * on success, in the script's transaction when it has one.
     */
    final void run(FluentConfiguration configuration, String script, Path file, SqlStep finish)
            throws MigrationException {
        ScriptParser.Parsed parsed;
        try {
            parsed = context.parser().parse(configuration, file);
        } catch (FlywayException e) {
            throw new MigrationException(context.parser().withMixed(configuration, file, MigrationFailure.fromFlywayMessage(script,
                    Optional.of(file), e.getMessage()).classified(e)), e);
        }
        try (Connection connection = context.dataSource().getConnection()) {
            prepareSession(connection, configuration);
            connection.setAutoCommit(!parsed.inTransaction());
            try {
                if (context.recording()) {
                    context.recorder().begin(connection, script, file.toString());
                }
                for (ScriptParser.Statement statement : parsed.statements()) {
                    try (Statement jdbc = connection.createStatement()) {
                        jdbc.execute(statement.sql());
                    } catch (SQLException e) {
                        // The statement as the script spells it, as for a failure Flyway reports.
                        throw new MigrationException(new MigrationFailure(script, Optional.of(statement.line()),
                                MigrationFailure.statementAt(file, statement.line())
                                        .or(() -> Optional.of(statement.sql().strip())),
                                firstLine(e.getMessage())), e);
                    }
                    if (context.recording()) {
                        context.recorder().record(connection, statement.sql(), Optional.of(statement.line()));
                    }
                }
                finish.run(connection);
                if (parsed.inTransaction()) {
                    connection.commit();
                }
            } catch (MigrationException | SQLException e) {
                if (parsed.inTransaction()) {
                    connection.rollback();
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MigrationException(new MigrationFailure(script, Optional.empty(), Optional.empty(),
                    firstLine(e.getMessage())), e);
        }
    }

    /** A step on a connection. */
    @FunctionalInterface
    interface SqlStep {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Flyway's {@code initSql} and default schema, as Flyway sets them on the connection it migrates with: the
     * configured default schema (else the first of {@code schemas}, else the connection's current schema) goes first
     * on the search path unless the path already starts with it. A function declared {@code SET search_path FROM
     * CURRENT} records that path, so the second up must set it as the first did.
     */
    private static void prepareSession(Connection connection, Configuration configuration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String configured = configuration.getDefaultSchema() != null ? configuration.getDefaultSchema()
                    : configuration.getSchemas().length > 0 ? configuration.getSchemas()[0] : null;
            // One round trip: initSql and the search path in one simple query.
            String init = configuration.getInitSql() != null && !configuration.getInitSql().isBlank()
                    ? configuration.getInitSql().strip().replaceFirst(";\\s*$", "") + ";\n" : "";
            statement.execute(init + "SELECT set_config('search_path', s.schema_name || ',' || p.path, false) FROM "
                    + "(SELECT current_setting('search_path') AS path) p, (SELECT quote_ident(" + (configured == null
                    ? "current_schema()" : "'" + configured.replace("'", "''") + "'") + ") AS schema_name, "
                    + (configured == null ? "current_schema()" : "'" + configured.replace("'", "''") + "'")
                    + " AS name) s WHERE s.name IS NOT NULL AND p.path <> s.name AND left(p.path, length(s.name) + 1) <> s.name || ',' "
                    + "AND EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = s.name)");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.strip().lines().findFirst().orElse("unknown error");
    }
}
