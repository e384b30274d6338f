package dev.flyback.verifier.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.database.ReadOnlyDatabase;

/** The history table of a database Flyway migrated, read through a read-only connection. */
final class AppliedHistory {
    private static final String FIND_TABLE = """
            SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relname = ? AND c.relkind IN ('r', 'p')
             ORDER BY (c.oid = to_regclass(quote_ident(?)))::int DESC, n.nspname
            """;

    private AppliedHistory() {
    }

    static List<Released> read(HistorySource.Database source, String table) {
        try (Connection connection = ReadOnlyDatabase.connect(source.url(), source.user(), source.password())) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement find = connection.prepareStatement(FIND_TABLE)) {
                find.setString(1, table);
                find.setString(2, table);
                try (ResultSet rows = find.executeQuery()) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalArgumentException("no Flyway history table '" + table + "' in "
                        + source.describe() + "; name the database Flyway migrated (and set flyway.table if "
                        + "yours has another name)");
            }
            List<Released> released = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT version, script, checksum, type FROM "
                    + tables.get(0) + " WHERE success AND version IS NOT NULL AND type NOT IN ('DELETE', 'UNDO_SQL') "
                    + "ORDER BY installed_rank");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    int checksum = rows.getInt(3);
                    released.add(new Released(rows.getString(1), rows.getString(2),
                            rows.wasNull() ? Optional.empty() : Optional.of(checksum),
                            rows.getString(4).contains("BASELINE")));
                }
            }
            return released;
        } catch (SQLException e) {
            throw new DatabaseStartException("Could not read the Flyway history of " + source.describe() + ": "
                    + e.getMessage(), e);
        }
    }
}
