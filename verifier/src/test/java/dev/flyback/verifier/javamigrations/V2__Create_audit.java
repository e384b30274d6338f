package dev.flyback.verifier.javamigrations;

import java.sql.Connection;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import dev.flyback.verifier.migration.ReversibleMigration;

/** A Java migration that declares its way back. */
public class V2__Create_audit extends BaseJavaMigration implements ReversibleMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("CREATE TABLE audit (id int PRIMARY KEY, what text NOT NULL)");
        }
    }

    @Override
    public void down(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE audit");
        }
    }
}
