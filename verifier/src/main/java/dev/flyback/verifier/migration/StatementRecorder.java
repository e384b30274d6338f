package dev.flyback.verifier.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import dev.flyback.verifier.migration.ExecutedStatement.TableLock;

/**
 * A Flyway callback that records every statement of a migration step and, in the step's own transaction, the
 * strong locks each statement took on tables that existed before the step. It only reads catalogs that cannot fail,
 * so it never aborts the migration's transaction.
 */
final class StatementRecorder implements Callback {
    /** Lock modes that block writes (or everything) on a table for the rest of the transaction. */
    private static final String STRONG_LOCKS = "('AccessExclusiveLock', 'ExclusiveLock', 'ShareRowExclusiveLock', "
            + "'ShareLock')";
    /**
     * The tables before the step, with their data file and whether they hold rows: a table holds rows when its file
     * has pages (one stat per table, where counting would run a query per table; a table emptied by DELETE and not
     * yet vacuumed still counts), a partitioned table when a query finds a row.
     */
    private static final String EXISTING_TABLES = """
            SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relfilenode,
                   CASE WHEN c.relkind = 'p'
                        THEN (xpath('/row/e/text()', query_to_xml(
                                format('SELECT EXISTS (SELECT 1 FROM %I.%I) AS e', n.nspname, c.relname),
                                false, true, '')))[1]::text
                        ELSE (pg_relation_size(c.oid) > 0)::text END
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND n.nspname NOT LIKE 'pg\\_toast%' AND c.relname <> ALL (?::text[])
            """;
    private static final String HELD_LOCKS = "SELECT l.relation, l.mode, current_setting('lock_timeout') "
            + "FROM pg_locks l WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted "
            + "AND l.mode IN " + STRONG_LOCKS;

    private static final String WRITE_LOCKS = "SELECT DISTINCT n.nspname, c.relname FROM pg_locks l "
            + "JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND c.relkind IN ('r', 'p') "
            + "AND l.mode NOT IN ('AccessShareLock', 'RowShareLock')";

    private static final java.util.regex.Pattern REPEATABLE_DML = java.util.regex.Pattern.compile(
            "^\\s*(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+([^\\s(]+)", java.util.regex.Pattern.CASE_INSENSITIVE);

    private final Set<String> historyTables;
    private final Set<String> repeatedDml = new HashSet<>();
    private final List<ExecutedStatement> statements = new ArrayList<>();
    private final Map<Long, String> tables = new HashMap<>();
    private final Set<Long> tablesWithRows = new HashSet<>();
    private final Set<String> seenLocks = new HashSet<>();
    private final Map<Long, Long> files = new HashMap<>();
    private final Set<String> written = new java.util.LinkedHashSet<>();
    private boolean writtenKnown = true;
    private List<String> lines = List.of();
    private int cursor;
    private String script = "";

    StatementRecorder(Set<String> historyTables) {
        this.historyTables = historyTables;
    }

    /** Forgets what an earlier step recorded. */
    void reset() {
        statements.clear();
        repeatedDml.clear();
        written.clear();
        writtenKnown = true;
    }

    /**
     * The tables ({@code schema.name}) the last step locked for writing, the only ones whose rows it can have
     * changed; empty when that is unknown (a migration that ran outside a transaction releases its locks between
     * statements).
     */
    /** Marks the last step's writes as unknown: it ran code this recorder does not see (a Java migration). */
    void writesUnknown() {
        writtenKnown = false;
    }

    Optional<Set<String>> writtenTables() {
        return writtenKnown ? Optional.of(Set.copyOf(written)) : Optional.empty();
    }

    /** What the last step executed, in order. */
    List<ExecutedStatement> statements() {
        return List.copyOf(statements);
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE_STATEMENT;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            if (event == Event.BEFORE_EACH_MIGRATE) {
                begin(context);
            } else if (context.getStatement() != null) {
                record(context.getConnection(), context.getStatement().getSql());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Flyback could not read the locks of " + script + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "flyback-statement-recorder";
    }

    private void begin(Context context) throws SQLException {
        script = context.getMigrationInfo() == null ? "" : context.getMigrationInfo().getScript();
        lines = readLines(context.getMigrationInfo() == null ? null : context.getMigrationInfo().getPhysicalLocation());
        cursor = 0;
        tables.clear();
        tablesWithRows.clear();
        seenLocks.clear();
        files.clear();
        Connection connection = context.getConnection();
        try (java.sql.PreparedStatement query = connection.prepareStatement(EXISTING_TABLES)) {
            query.setArray(1, connection.createArrayOf("text", historyTables.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.put(rows.getLong(1), rows.getString(2));
                    files.put(rows.getLong(1), rows.getLong(3));
                    if ("true".equals(rows.getString(4))) {
                        tablesWithRows.add(rows.getLong(1));
                    }
                }
            }
        }
    }

    private void record(Connection connection, String sql) throws SQLException {
        java.util.regex.Matcher dml = REPEATABLE_DML.matcher(sql);
        if (dml.find() && !repeatedDml.add(dml.group(1).toUpperCase(java.util.Locale.ROOT) + " "
                + dml.group(2).toLowerCase(java.util.Locale.ROOT))) {
            // Another row of a data load: it takes no lock the first one did not (a 10 MB script stays cheap).
            statements.add(new ExecutedStatement(script, withoutLeadingComments(sql), locate(sql), List.of(),
                    statements.isEmpty() ? "0" : statements.get(statements.size() - 1).lockTimeout(), List.of()));
            return;
        }
        List<TableLock> locks = new ArrayList<>();
        String timeout = "0";
        try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(HELD_LOCKS)) {
            while (rows.next()) {
                long relation = rows.getLong(1);
                timeout = rows.getString(3);
                String table = tables.get(relation);
                if (table != null && seenLocks.add(relation + " " + rows.getString(2))) {
                    locks.add(new TableLock(table, rows.getString(2), tablesWithRows.contains(relation)));
                }
            }
        }
        if (locks.isEmpty()) {
            try (Statement query = connection.createStatement();
                 ResultSet rows = query.executeQuery("SELECT current_setting('lock_timeout')")) {
                rows.next();
                timeout = rows.getString(1);
            }
        }
        recordWritten(connection);
        locks.sort(java.util.Comparator.comparing(TableLock::table).thenComparing(TableLock::mode));
        statements.add(new ExecutedStatement(script, withoutLeadingComments(sql), locate(sql), locks, timeout,
                rewritten(connection)));
    }

    private void recordWritten(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            writtenKnown = false;
            return;
        }
        try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(WRITE_LOCKS)) {
            while (rows.next()) {
                written.add(rows.getString(1) + "." + rows.getString(2));
            }
        }
    }

    /** The tables holding rows whose data file the statement replaced, which only a rewrite does. */
    private List<String> rewritten(Connection connection) throws SQLException {
        if (tablesWithRows.isEmpty()) {
            return List.of();
        }
        List<String> rewritten = new ArrayList<>();
        try (java.sql.PreparedStatement query = connection.prepareStatement(
                "SELECT oid, relfilenode FROM pg_class WHERE oid::bigint = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("bigint", tablesWithRows.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long relation = rows.getLong(1);
                    Long before = files.put(relation, rows.getLong(2));
                    if (before != null && before != rows.getLong(2)) {
                        rewritten.add(tables.get(relation));
                    }
                }
            }
        }
        rewritten.sort(null);
        return rewritten;
    }

    /** Flyway keeps the comment lines above a statement in its text; the evidence reads better without them. */
    private static String withoutLeadingComments(String sql) {
        List<String> lines = new ArrayList<>(sql.strip().lines().toList());
        while (lines.size() > 1 && lines.get(0).strip().startsWith("--")) {
            lines.remove(0);
        }
        return String.join("\n", lines).strip();
    }

    /** The statement's first line in the script, searching forward from the previous statement. */
    private Optional<Integer> locate(String sql) {
        String first = sql.strip().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("--"))
                .findFirst().orElse("");
        if (first.isEmpty()) {
            return Optional.empty();
        }
        for (int i = cursor; i < lines.size(); i++) {
            if (lines.get(i).contains(first)) {
                cursor = i + 1;
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    private static List<String> readLines(String location) {
        if (location == null || location.isEmpty()) {
            return List.of();
        }
        try {
            return Files.readAllLines(Path.of(location), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
