package dev.flyback.verifier.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * One way of running a step: a script's statements as Flyway's parser splits them, on a connection prepared as
 * Flyway prepares its own, without a Flyway command (a proof's undos and second ups, when nothing but versioned and
 * undo scripts could run with them). Issue 16: one of the pieces {@link Migrations} is split into.
 */
final class DirectScripts {
    private final DataSource dataSource;
    private final ScriptParser parser;
    private final StatementRecorder recorder;
    private final BooleanSupplier recording;

    DirectScripts(DataSource dataSource, ScriptParser parser, StatementRecorder recorder, BooleanSupplier recording) {
        this.dataSource = dataSource;
        this.parser = parser;
        this.recorder = recorder;
        this.recording = recording;
    }

    /**
     * Runs a script's statements on a connection of its own, prepared as Flyway prepares its migration connection
     * ({@code initSql}, the default schema first on the search path), recording each statement; {@code finish} runs
     * on success, in the script's transaction when it has one.
     */
    void run(FluentConfiguration configuration, String script, Path file, SqlStep finish)
            throws MigrationException {
        ScriptParser.Parsed parsed;
        try {
            parsed = parser.parse(configuration, file);
        } catch (FlywayException e) {
            throw new MigrationException(parser.withMixed(configuration, file, MigrationFailure.fromFlywayMessage(script,
                    Optional.of(file), e.getMessage()).classified(e)), e);
        }
        try (Connection connection = dataSource.getConnection()) {
            prepareSession(connection, configuration);
            connection.setAutoCommit(!parsed.inTransaction());
            try {
                if (recording.getAsBoolean()) {
                    recorder.begin(connection, script, file.toString());
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
                    if (recording.getAsBoolean()) {
                        recorder.record(connection, statement.sql(), Optional.of(statement.line()));
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
