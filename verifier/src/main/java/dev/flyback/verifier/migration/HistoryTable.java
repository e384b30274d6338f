package dev.flyback.verifier.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.flywaydb.core.api.configuration.Configuration;

/**
 * Flyway's history table as Flyback reads and writes it around the steps it runs itself (a row written for a
 * direct up, removed for an undo, the history kept short during a proof), and Flyback's throw-away undo history
 * table (issue 16: one of the pieces {@link Migrations} is split into).
 */
final class HistoryTable {
    private final DataSource dataSource;
    private final Configuration base;
    /** Flyway's history table, qualified, once it exists. */
    private List<String> names = List.of();

    HistoryTable(DataSource dataSource, Configuration base) {
        this.dataSource = dataSource;
        this.base = base;
    }

    /**
     * Flyway's history table, qualified, when a step dropped it (an undo that drops the schema Flyway keeps its
     * history in); empty while it is there.
     */
    Optional<String> gone(Connection connection) {
        try {
            List<String> known = names(connection);
            if (known.isEmpty()) {
                // Asked after an up, so Flyway made it: it is gone before Flyback first looked for it.
                String schema = base.getDefaultSchema() != null ? base.getDefaultSchema()
                        : base.getSchemas().length > 0 ? base.getSchemas()[0] : null;
                return Optional.of(schema == null ? base.getTable() : schema + "." + base.getTable());
            }
            for (String table : known) {
                try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?)")) {
                    query.setString(1, table);
                    try (ResultSet rows = query.executeQuery()) {
                        if (rows.next() && rows.getString(1) == null) {
                            return Optional.of(table);
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look for Flyway's history table: " + e.getMessage(), e);
        }
    }

    /** Whether Flyway's history records {@code version} as applied; false when the database cannot say. */
    boolean committed(String version) {
        try (Connection connection = dataSource.getConnection()) {
            for (String table : names(connection)) {
                try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM " + table
                        + " WHERE version = ? AND success")) {
                    query.setString(1, version);
                    try (ResultSet rows = query.executeQuery()) {
                        if (rows.next()) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            return false;
        }
    }

    void compact() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            compact(connection);
        }
    }

    /**
     * Keeps Flyway's history to its latest versioned row (see {@link HistoryCompaction}).
     */
    void compact(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : names(connection)) {
                statement.executeUpdate("DELETE FROM " + table + " WHERE version IS NOT NULL AND installed_rank < "
                        + "(SELECT max(installed_rank) FROM " + table + " WHERE version IS NOT NULL)");
            }
        }
    }

    /** Flyway's history table, qualified, in every schema that has one (found once). */
    List<String> names(Connection connection) throws SQLException {
        if (names.isEmpty()) {
            names = qualifiedTables(connection, base.getTable());
        }
        return names;
    }

    /** The row Flyway writes for an applied versioned SQL migration, in each of its history tables. */
    /** Writes Flyway's row for a revision applied without a Flyway command. */
    void insertRow(Connection connection, Revision revision, long millis) throws SQLException {
        for (String table : names(connection)) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                    + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time,"
                    + " success) SELECT coalesce(max(installed_rank), 0) + 1, ?, ?, 'SQL', ?, ?, "
                    + "coalesce(?, current_user), ?, true FROM " + table)) {
                insert.setString(1, revision.version());
                insert.setString(2, revision.description());
                insert.setString(3, revision.script());
                insert.setObject(4, revision.checksum().orElse(null), java.sql.Types.INTEGER);
                insert.setString(5, base.getInstalledBy());
                insert.setInt(6, (int) millis);
                insert.executeUpdate();
            }
        }
    }

    /** Removes a version's row, as an undo leaves Flyway's history. */
    void deleteRow(Connection connection, String version) throws SQLException {
        for (String table : names(connection)) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE version = ?")) {
                delete.setString(1, version);
                delete.executeUpdate();
            }
        }
    }

    void emptyUndoHistory() {
        onUndoHistory("DELETE FROM ", "empty");
    }

    void dropUndoHistory() {
        onUndoHistory("DROP TABLE IF EXISTS ", "drop");
    }

    /** Runs {@code command} followed by the undo history table's qualified name, wherever that table is. */
    private void onUndoHistory(String command, String verb) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : qualifiedTables(connection, Migrations.UNDO_HISTORY_TABLE)) {
                statement.execute(command + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + verb + " Flyback's undo history table: " + e.getMessage(),
                    e);
        }
    }

    private static List<String> qualifiedTables(Connection connection, String name) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ? AND c.relkind = 'r'")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }
}
