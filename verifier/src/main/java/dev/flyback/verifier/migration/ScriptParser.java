package dev.flyback.verifier.migration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.database.DatabaseType;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.ResourceNameParser;
import org.flywaydb.core.internal.resource.filesystem.FileSystemResource;
import org.flywaydb.core.internal.sqlscript.SqlScript;
import org.flywaydb.core.internal.sqlscript.SqlScriptFactory;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;

/**
 * Splits a script into statements with Flyway's own PostgreSQL parser, so that a proof can run an undo script, and
 * a script again after its undo, without a Flyway command per step (each costs about forty round trips of set-up).
 * The parser is the one Flyway migrates with: the same placeholders ({@code ${flyway:user}}, {@code
 * ${flyway:filename}}, the configured ones), the same handling of dollar quotes and {@code DO} blocks, the same
 * script configuration ({@code executeInTransaction}) and the same refusal of a script that mixes transactional and
 * non-transactional statements. The only class that touches Flyway's internals; parsed scripts are kept, since the
 * files do not change during a run.
 */
final class ScriptParser {
    /** One statement, the line it starts on, and whether Flyway may run it in a transaction. */
    record Statement(String sql, int line, boolean transactional) {
    }

    /** A parsed script: its statements and whether they run in one transaction. */
    record Parsed(List<Statement> statements, boolean inTransaction) {
    }

    private final DataSource dataSource;
    private final Map<String, Parsed> parsed = new HashMap<>();
    private ParsingContext context;
    private DatabaseType databaseType;

    ScriptParser(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The statements of {@code file} as Flyway would run them under {@code configuration}.
     *
     * @throws FlywayException as Flyway would throw it (a missing placeholder, mixed statements)
     */
    Parsed parse(Configuration configuration, Path file) {
        String key = configuration.getSqlMigrationPrefix() + ":" + configuration.isMixed() + ":" + file;
        Parsed known = parsed.get(key);
        if (known != null) {
            return known;
        }
        ParsingContext parsing = context(configuration);
        FileSystemResource resource = new FileSystemResource(null, file.toString(), configuration.getEncoding(),
                false);
        parsing.updateFilenamePlaceholder(new ResourceNameParser(configuration).parse(resource.getFilename()),
                configuration);
        SqlScriptFactory factory = databaseType.createSqlScriptFactory(configuration, parsing);
        // The provider finds the script's own configuration (<script>.conf: executeInTransaction, encoding), as
        // Flyway's resolver does for the first up; without it a script Flyway ran outside a transaction was refused
        // here as mixing transactional and non-transactional statements.
        SqlScript script = factory.createSqlScript(resource, configuration.isMixed(), besides(file,
                configuration.getEncoding()));
        script.validate();
        List<Statement> statements = new ArrayList<>();
        try (SqlStatementIterator iterator = script.getSqlStatements()) {
            while (iterator.hasNext()) {
                SqlStatement statement = iterator.next();
                statements.add(new Statement(statement.getSql(), statement.getLineNumber(),
                        statement.canExecuteInTransaction()));
            }
        }
        Parsed result = new Parsed(List.copyOf(statements),
                configuration.isExecuteInTransaction() && script.executeInTransaction());
        parsed.put(key, result);
        return result;
    }

    /** Finds the files beside {@code file} by name, or by the path Flyway asks for. */
    private static ResourceProvider besides(Path file, java.nio.charset.Charset encoding) {
        return new ResourceProvider() {
            @Override
            public LoadableResource getResource(String name) {
                Path path = Path.of(name);
                Path found = path.isAbsolute() ? path : file.resolveSibling(path.getFileName());
                return java.nio.file.Files.isRegularFile(found)
                        ? new FileSystemResource(null, found.toString(), encoding, false) : null;
            }

            @Override
            public java.util.Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                return List.of();
            }
        };
    }

    /**
     * The statements of a script Flyway refused for mixing transactional and non-transactional statements, read as
     * if mixing were allowed, so that a message can name the statements that made the script transactional.
     */
    List<Statement> mixed(Configuration configuration, Path file) {
        org.flywaydb.core.api.configuration.FluentConfiguration allowing = org.flywaydb.core.Flyway.configure(
                configuration.getClassLoader()).configuration(configuration).mixed(true);
        return parse(allowing, file).statements();
    }

    /** Flyway's own placeholders ({@code flyway:database}, {@code flyway:user} ...), read once from the database. */
    private ParsingContext context(Configuration configuration) {
        if (context == null) {
            JdbcConnectionFactory connections = new JdbcConnectionFactory(dataSource, configuration, null);
            try {
                databaseType = connections.getDatabaseType();
                Database<?> database = databaseType.createDatabase(configuration, connections, null);
                try {
                    ParsingContext populated = new ParsingContext();
                    populated.populate(database, configuration);
                    context = populated;
                } finally {
                    database.close();
                }
            } finally {
                connections.close();
            }
        }
        return context;
    }

    /**
     * For Flyway's refusal of a script mixing a CONCURRENTLY statement with others: the others, which make the
     * script transactional, so that the finding can name them.
     */
    MigrationFailure withMixed(Configuration configuration, Path file, MigrationFailure failure) {
        if (failure.kind() != MigrationFailure.Kind.CONCURRENTLY_IN_TRANSACTION || failure.sqlState().isPresent()) {
            return failure;
        }
        try {
            return failure.withKind(failure.kind(), mixed(configuration, file).stream()
                    .filter(Statement::transactional)
                    .map(s -> "line " + s.line() + ": " + withoutComments(s.sql())).toList());
        } catch (FlywayException e) {
            return failure;
        }
    }

    /**
     * A statement's text without the comment lines Flyway's parser keeps above it (its line number is already the
     * statement's own).
     */
    private static String withoutComments(String sql) {
        return sql.strip().lines().dropWhile(l -> l.strip().startsWith("--") || l.isBlank())
                .collect(java.util.stream.Collectors.joining("\n")).strip();
    }
}
