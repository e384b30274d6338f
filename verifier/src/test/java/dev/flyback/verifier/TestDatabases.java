package dev.flyback.verifier;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.database.DisposableDatabase;

/** One embedded PostgreSQL per test JVM; every test gets its own scratch database on it. */
public final class TestDatabases {
    private static DisposableDatabase shared;

    private TestDatabases() {
    }

    /** A fresh, empty scratch database; close it when done. */
    public static synchronized DisposableDatabase fresh() {
        if (shared == null) {
            shared = DisposableDatabase.start(DatabaseSettings.embedded());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared.createSibling(Optional.empty());
    }

    /** The first column of every row {@code sql} returns on {@code database}. */
    public static List<String> strings(DisposableDatabase database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The tables of the {@code public} schema. */
    public static List<String> publicTables(DisposableDatabase database) throws SQLException {
        return strings(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    }
}
