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
    /**
     * Everything a statement leaves to see, in one round trip: the relation locks the step's transaction holds (with
     * the table's name, kind and data file, as the transaction sees them) and, in a row of its own, the lock timeout.
     */
    private static final String HELD_LOCKS = """
            SELECT l.relation::bigint, l.mode, n.nspname, c.relname, c.relkind, c.relfilenode
              FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation
              LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted
            UNION ALL
            SELECT NULL, current_setting('lock_timeout'), NULL, NULL, NULL, NULL
            """;
    /** Lock modes that block writes (or everything) on a table for the rest of the transaction. */
    private static final Set<String> STRONG_LOCK_MODES = Set.of("AccessExclusiveLock", "ExclusiveLock",
            "ShareRowExclusiveLock", "ShareLock");
    /**
     * The lock modes of statements that can change a table's rows or columns: DML (ROW EXCLUSIVE), and ALTER TABLE
     * forms that add, drop or rewrite columns (ACCESS EXCLUSIVE). Adding a foreign key or a trigger (SHARE ROW
     * EXCLUSIVE), building an index (SHARE) or validating a constraint (SHARE UPDATE EXCLUSIVE) leave them as they are.
     */
    private static final Set<String> WRITE_LOCK_MODES = Set.of("RowExclusiveLock", "ExclusiveLock",
            "AccessExclusiveLock");

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
    /**
     * Records only which tables a step wrote, read once at its end: for a database that only reaches a revision
     * (issue 18), which needs no lock of any statement. The list of existing tables with their sizes before each
     * step and a lock query after each statement were about a third of such a first up (1000 revisions with rows).
     */
    private boolean writesOnly;
    /** In {@link #writesOnly} mode, a migration has begun whose end (and the tables it wrote) is not read yet. */
    private boolean endPending;
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
        endPending = false;
    }

    /**
     * From now on (or again with {@code false}: every lock) records of each step only the tables it wrote
     * ({@link #writtenTables}) and its statements' text, without the locks each took.
     */
    void writesOnly(boolean enabled) {
        writesOnly = enabled;
    }

    /** Marks the last step's writes as unknown: it ran code this recorder does not see (a Java migration). */
    void writesUnknown() {
        writtenKnown = false;
    }

    /**
     * The tables ({@code schema.name}) the last step locked for writing, the only ones whose rows it can have
     * changed; empty when that is unknown (a migration that ran outside a transaction releases its locks between
     * statements).
     */
    Optional<Set<String>> writtenTables() {
        return writtenKnown && !endPending ? Optional.of(Set.copyOf(written)) : Optional.empty();
    }

    /** What the last step executed, in order. */
    List<ExecutedStatement> statements() {
        return List.copyOf(statements);
    }

    @Override
    public boolean supports(Event event, Context context) {
        // Each event a callback takes costs Flyway a round trip (it restores the session's role after it): the end
        // of a migration only when that is where the written tables are read.
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE_STATEMENT
                || event == Event.AFTER_EACH_MIGRATE && writesOnly;
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
            } else if (event == Event.AFTER_EACH_MIGRATE) {
                end(context.getConnection());
            } else if (context.getStatement() != null) {
                record(context.getConnection(), context.getStatement().getSql(), Optional.empty());
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
        begin(context.getConnection(), context.getMigrationInfo() == null ? "" : context.getMigrationInfo().getScript(),
                context.getMigrationInfo() == null ? null : context.getMigrationInfo().getPhysicalLocation());
    }

    /**
     * Starts recording {@code script} (read from {@code location} to place its statements), run on
     * {@code connection}: remembers the tables that exist and which of them hold rows.
     */
    void begin(Connection connection, String script, String location) throws SQLException {
        this.script = script;
        cursor = 0;
        tables.clear();
        tablesWithRows.clear();
        seenLocks.clear();
        files.clear();
        if (writesOnly) {
            lines = List.of();
            endPending = true;
            return;
        }
        lines = readLines(location);
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

    /**
     * Records {@code sql}, which just ran on {@code connection}, with the locks it took; its line in the script is
     * looked up unless {@code knownLine} gives it.
     */
    void record(Connection connection, String sql, Optional<Integer> knownLine) throws SQLException {
        if (writesOnly) {
            if (connection.getAutoCommit()) {
                // Its locks are gone before the end of the step: which tables it wrote is unknown.
                writtenKnown = false;
            }
            statements.add(new ExecutedStatement(script, withoutLeadingComments(sql), Optional.empty(), List.of(),
                    "0", List.of()));
            return;
        }
        java.util.regex.Matcher dml = REPEATABLE_DML.matcher(sql);
        if (dml.find() && !repeatedDml.add(dml.group(1).toUpperCase(java.util.Locale.ROOT) + " "
                + dml.group(2).toLowerCase(java.util.Locale.ROOT))) {
            // Another row of a data load: it takes no lock the first one did not (a 10 MB script stays cheap).
            statements.add(new ExecutedStatement(script, withoutLeadingComments(sql), line(sql, knownLine),
                    List.of(), statements.isEmpty() ? "0" : statements.get(statements.size() - 1).lockTimeout(),
                    List.of()));
            return;
        }
        List<TableLock> locks = new ArrayList<>();
        List<String> rewritten = new ArrayList<>();
        List<String> firstWrites = new ArrayList<>();
        String timeout = "0";
        boolean transactional = !connection.getAutoCommit();
        try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(HELD_LOCKS)) {
            while (rows.next()) {
                long relation = rows.getLong(1);
                String mode = rows.getString(2);
                if (rows.wasNull() || rows.getString(1) == null) {
                    timeout = mode;
                    continue;
                }
                String table = tables.get(relation);
                if (STRONG_LOCK_MODES.contains(mode) && table != null && seenLocks.add(relation + " " + mode)) {
                    locks.add(new TableLock(table, mode, tablesWithRows.contains(relation)));
                }
                String kind = rows.getString(5);
                if (transactional && writes(mode, kind) && written.add(rows.getString(3) + "." + rows.getString(4))) {
                    firstWrites.add(rows.getString(3) + "." + rows.getString(4));
                }
                // A rewrite takes ACCESS EXCLUSIVE until the end of the transaction, so the table is in this list.
                if (transactional && tablesWithRows.contains(relation) && rows.getString(6) != null) {
                    Long before = files.put(relation, rows.getLong(6));
                    if (before != null && before != rows.getLong(6) && !rewritten.contains(table)) {
                        rewritten.add(table);
                    }
                }
            }
        }
        if (!transactional) {
            // Outside a transaction the locks are gone already: which tables were written is unknown, and a
            // rewrite shows only in the data files.
            writtenKnown = false;
            rewritten = rewritten(connection);
        }
        locks.sort(java.util.Comparator.comparing(TableLock::table).thenComparing(TableLock::mode));
        rewritten.sort(null);
        firstWrites.sort(null);
        statements.add(new ExecutedStatement(script, withoutLeadingComments(sql), line(sql, knownLine), locks,
                timeout, rewritten, firstWrites));
    }

    /**
     * Ends a migration begun in {@link #writesOnly} mode, still in its transaction: the tables it holds a writing
     * lock on are those its statements wrote. Out of that mode each statement's locks were read already.
     */
    void end(Connection connection) throws SQLException {
        if (!writesOnly || !endPending) {
            return;
        }
        endPending = false;
        if (connection.getAutoCommit()) {
            writtenKnown = false;
            return;
        }
        try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(HELD_LOCKS)) {
            while (rows.next()) {
                String kind = rows.getString(5);
                if (rows.getString(1) != null && writes(rows.getString(2), kind)) {
                    written.add(rows.getString(3) + "." + rows.getString(4));
                }
            }
        }
    }

    /** Whether a lock of {@code mode} on a relation of {@code kind} says its rows were written: a table's. */
    private static boolean writes(String mode, String kind) {
        return WRITE_LOCK_MODES.contains(mode) && ("r".equals(kind) || "p".equals(kind));
    }

    /** The tables holding rows whose data file the statement replaced, which only a rewrite does. */
    private List<String> rewritten(Connection connection) throws SQLException {
        if (tablesWithRows.isEmpty()) {
            return new ArrayList<>();
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

    private Optional<Integer> line(String sql, Optional<Integer> knownLine) {
        if (knownLine.isPresent()) {
            cursor = knownLine.get();
            return knownLine;
        }
        return locate(sql);
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
