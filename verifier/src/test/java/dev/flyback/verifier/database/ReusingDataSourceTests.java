package dev.flyback.verifier.database;

import static org.assertj.core.api.BDDAssertions.then;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.TestDatabases;

/** A scratch database's connection, handed back, comes again as a fresh session that kept only the driver's work. */
class ReusingDataSourceTests {

    @Test
    void should_hand_out_a_fresh_session_that_kept_the_drivers_prepared_statements() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            int backend;
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                backend = backendPid(connection);
                // What a migration script can leave in its session
                statement.execute("SET lock_timeout = '1s'; CREATE ROLE flyback_reuse_probe; "
                        + "SET ROLE flyback_reuse_probe; RESET ROLE; CREATE TEMP TABLE scratch (id int); "
                        + "PREPARE from_a_script AS SELECT 1; SELECT pg_advisory_lock(42)");
                // and what the driver prepares on the server after a few executions
                for (int i = 0; i < 6; i++) {
                    try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM pg_class "
                            + "WHERE oid > ?")) {
                        query.setInt(1, i);
                        query.executeQuery().close();
                    }
                }
                statement.execute("SET ROLE flyback_reuse_probe");
            }

            try (Connection again = database.dataSource().getConnection();
                 Statement statement = again.createStatement()) {
                then(backendPid(again)).as("the same server process").isEqualTo(backend);
                then(single(statement, "SHOW lock_timeout")).isEqualTo("0");
                then(single(statement, "SELECT current_user")).isNotEqualTo("flyback_reuse_probe");
                then(single(statement, "SELECT count(*) FROM pg_class WHERE relname = 'scratch' "
                        + "AND relpersistence = 't'")).isEqualTo("0");
                then(single(statement, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                        + "AND pid = pg_backend_pid()")).isEqualTo("0");
                then(single(statement, "SELECT string_agg(name, ',') FROM pg_prepared_statements "
                        + "WHERE from_sql")).isNull();
                then(Integer.parseInt(single(statement, "SELECT count(*) FROM pg_prepared_statements "
                        + "WHERE NOT from_sql"))).as("the driver's statements stay prepared").isPositive();
                statement.execute("PREPARE from_a_script AS SELECT 2");
                statement.execute("DEALLOCATE from_a_script; DROP ROLE flyback_reuse_probe");
            }
        }
    }

    private static int backendPid(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            return Integer.parseInt(single(statement, "SELECT pg_backend_pid()"));
        }
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
